/** What the main thread and the Markdown thread send each other (see markdown-threads.ts). */

/** A content entry to render, as Astro's glob loader hands it to a render function. */
export interface MarkdownJob {
  id: string;
  data: Record<string, unknown>;
  body?: string;
  filePath?: string;
  digest?: number | string;
}

/** Astro's rendered entry: the HTML and its metadata (headings, image paths, frontmatter). */
export interface RenderedMarkdown {
  html: string;
  metadata?: Record<string, unknown>;
}

export interface MarkdownWorkerData {
  /** Absolute path of the project root. */
  root: string;
  /** file: URL of the installed astro package's folder, ending in a slash. */
  astro: string;
}

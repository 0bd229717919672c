import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DataStore } from 'astro/loaders';
import type { AstroConfig } from 'astro';

type DataEntry = ReturnType<DataStore['values']>[number];

/*
 * The rendered HTML of docs pages lives in files of its own, one per page and named by the digest
 * of its source, beside Astro's content cache instead of in its data store. The store is compiled
 * into one JavaScript module that Vite bundles and every page render loads: with the HTML in it,
 * that module is most of the build's memory (1.4 GB peak at 1,000 pages against 1.0 GB without)
 * and 2–3 s of its bundling.
 */
const FOLDER = 'docs-html/';

/** The entry's metadata field holding its HTML file's path, relative to the project root. */
const METADATA_KEY = 'portalHtmlFile';

/**
 * Wraps a loader's store: each docs entry's HTML is written to its file and the entry keeps only
 * the page's metadata (headings, frontmatter). Entries whose HTML refers to local images keep it:
 * Astro rewrites those references when it renders an entry, from the HTML held in the store.
 * During the first load the files are written in the background; `finish()` waits for them and
 * deletes the files of pages no longer in the store (removed or edited since). Later changes
 * (`astro dev`) are written before the entry is stored.
 */
export function storeHtmlInFiles(store: DataStore, config: Pick<AstroConfig, 'cacheDir' | 'root'>): { store: DataStore; finish(): Promise<void> } {
  const folder = fileURLToPath(new URL(FOLDER, config.cacheDir));
  const root = fileURLToPath(config.root);
  mkdirSync(folder, { recursive: true });
  const writes: Promise<void>[] = [];
  let background = true;
  const set: DataStore['set'] = (entry) => {
    const { rendered, digest } = entry;
    if (!rendered?.html || !digest || rendered.metadata?.imagePaths?.length) return store.set(entry);
    const file = path.join(folder, `${digest}.html`);
    if (background) writes.push(writeFile(file, rendered.html));
    else writeFileSync(file, rendered.html);
    return store.set({ ...entry, rendered: { html: '', metadata: { ...rendered.metadata, [METADATA_KEY]: path.relative(root, file) } } });
  };
  return {
    store: new Proxy(store, { get: (target, key) => (key === 'set' ? set : Reflect.get(target, key)) }),
    finish: async () => {
      background = false;
      await Promise.all(writes.splice(0));
      const kept = new Set(store.values().map((e) => storedHtmlFile(e)).filter((f) => f !== undefined).map((f) => path.basename(f)));
      for (const name of readdirSync(folder)) {
        if (!kept.has(name)) rmSync(path.join(folder, name), { force: true });
      }
    },
  };
}

export function storedHtmlFile(entry: Pick<DataEntry, 'rendered'>): string | undefined {
  const file = entry.rendered?.metadata?.[METADATA_KEY];
  return typeof file === 'string' ? file : undefined;
}

/**
 * The page's HTML, read from its file; builds run from the project root, as Astro's paths assume.
 * Read synchronously: a page's file is ~15 KB, and Node's promise-based readFile costs ~7× the CPU
 * (0.2 s at 1,000 pages) in round trips through its thread pool.
 */
export function readStoredHtml(entry: Pick<DataEntry, 'id' | 'rendered'>): string {
  const file = storedHtmlFile(entry);
  if (file === undefined) throw new Error(`Docs page "${entry.id}" keeps its HTML in Astro's data store, not in a file.`);
  try {
    return readFileSync(path.resolve(file), 'utf-8');
  } catch (error) {
    throw new Error(
      `The rendered HTML of docs page "${entry.id}" is missing (${file}). Astro's content cache and the HTML files beside it are out of step: delete node_modules/.astro and build again.`,
      { cause: error },
    );
  }
}

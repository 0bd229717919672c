/**
 * JSON shapes of git objects as the REST API shows them: `git-ref`, `content-file`,
 * `content-directory` entries, `file-commit`, `commit` and `diff-entry`.
 */
import { repoUrl, type App } from '../app.ts';
import type { FileChange } from '../git-history.ts';
import type { CommitInfo, TreeEntry } from '../git.ts';

/** GitHub wraps base64 content at 60 characters per line, each line ending in "\n". */
export function wrapBase64(content: Buffer): string {
  const flat = content.toString('base64');
  let wrapped = '';
  for (let i = 0; i < flat.length; i += 60) wrapped += `${flat.slice(i, i + 60)}\n`;
  return wrapped;
}

/** Encodes each path segment but keeps the slashes, as GitHub's URLs do. */
export function encodePath(path: string): string {
  return path.split('/').map(encodeURIComponent).join('/');
}

export function gitRefJson(app: App, ref: string, sha: string, type: string): Record<string, unknown> {
  const kind = type === 'tag' ? 'tags' : type === 'tree' ? 'trees' : type === 'blob' ? 'blobs' : 'commits';
  return {
    ref,
    node_id: Buffer.from(`03:Ref${ref}`).toString('base64'),
    url: `${repoUrl(app)}/git/${encodePath(ref)}`,
    object: { sha, type, url: `${repoUrl(app)}/git/${kind}/${sha}` },
  };
}

const ENTRY_TYPE: Record<string, string> = { tree: 'dir', commit: 'submodule' };

/** Metadata shared by a file object and a directory entry (no content). */
export function contentEntryJson(app: App, entry: TreeEntry, ref: string): Record<string, unknown> {
  const type = entry.mode === '120000' ? 'symlink' : (ENTRY_TYPE[entry.type] ?? 'file');
  const self = `${repoUrl(app)}/contents/${encodePath(entry.path)}?ref=${encodeURIComponent(ref)}`;
  const gitKind = entry.type === 'tree' ? 'trees' : entry.type === 'commit' ? 'commits' : 'blobs';
  const git = `${repoUrl(app)}/git/${gitKind}/${entry.sha}`;
  const html = `${app.webUrl}/blob/${encodeURIComponent(ref)}/${encodePath(entry.path)}`;
  const name = entry.path.split('/').pop() ?? entry.path;
  return {
    type,
    name,
    path: entry.path,
    sha: entry.sha,
    size: entry.size,
    url: self,
    html_url: entry.type === 'commit' ? null : html,
    git_url: entry.type === 'commit' ? null : git,
    download_url: type === 'file' ? `${app.webUrl}/raw/${encodeURIComponent(ref)}/${encodePath(entry.path)}` : null,
    _links: { self, git: entry.type === 'commit' ? null : git, html: entry.type === 'commit' ? null : html },
  };
}

/** `content-file`: the entry plus its base64 content. */
export function contentFileJson(app: App, entry: TreeEntry, ref: string, content: Buffer): Record<string, unknown> {
  return { ...contentEntryJson(app, entry, ref), content: wrapBase64(content), encoding: 'base64' };
}

const UNSIGNED = { verified: false, reason: 'unsigned', signature: null, payload: null, verified_at: null };

/** The `commit` half of `file-commit` (a git commit object as /git/commits shows it). */
export function gitCommitJson(app: App, commit: CommitInfo): Record<string, unknown> {
  const url = `${repoUrl(app)}/git/commits/${commit.sha}`;
  return {
    sha: commit.sha,
    node_id: Buffer.from(`06:Commit${commit.sha}`).toString('base64'),
    url,
    html_url: `${app.webUrl}/commit/${commit.sha}`,
    author: commit.author,
    committer: commit.committer,
    tree: { sha: commit.tree, url: `${repoUrl(app)}/git/trees/${commit.tree}` },
    message: commit.message.replace(/\n$/, ''),
    parents: commit.parents.map((sha) => ({
      sha,
      url: `${repoUrl(app)}/git/commits/${sha}`,
      html_url: `${app.webUrl}/commit/${sha}`,
    })),
    verification: UNSIGNED,
  };
}

/** `commit`, as GET /repos/{owner}/{repo}/commits lists them. */
export function commitJson(app: App, commit: CommitInfo): Record<string, unknown> {
  const url = `${repoUrl(app)}/commits/${commit.sha}`;
  return {
    sha: commit.sha,
    node_id: Buffer.from(`06:Commit${commit.sha}`).toString('base64'),
    url,
    html_url: `${app.webUrl}/commit/${commit.sha}`,
    comments_url: `${url}/comments`,
    commit: {
      url: `${repoUrl(app)}/git/commits/${commit.sha}`,
      author: commit.author,
      committer: commit.committer,
      message: commit.message.replace(/\n$/, ''),
      comment_count: 0,
      tree: { sha: commit.tree, url: `${repoUrl(app)}/git/trees/${commit.tree}` },
      verification: UNSIGNED,
    },
    // GitHub links commits to accounts by email; the local GitHub has no accounts to link.
    author: null,
    committer: null,
    parents: commit.parents.map((sha) => ({
      sha,
      url: `${repoUrl(app)}/commits/${sha}`,
      html_url: `${app.webUrl}/commit/${sha}`,
    })),
  };
}

/** `diff-entry`: one changed file, as a pull's files and a comparison list them; `head` is the commit after. */
export function diffEntryJson(app: App, file: FileChange, head: string): Record<string, unknown> {
  return {
    sha: file.sha,
    filename: file.filename,
    status: file.status,
    additions: file.additions,
    deletions: file.deletions,
    changes: file.additions + file.deletions,
    blob_url: `${app.webUrl}/blob/${head}/${encodePath(file.filename)}`,
    raw_url: `${app.webUrl}/raw/${head}/${encodePath(file.filename)}`,
    contents_url: `${repoUrl(app)}/contents/${encodePath(file.filename)}?ref=${head}`,
    ...(file.patch === undefined ? {} : { patch: file.patch }),
  };
}

/**
 * Repository contents: https://docs.github.com/rest/repos/contents. Reads come straight from
 * git objects; writes are commits built by file-writes.ts.
 */
import { z } from 'zod';
import { userIdentity, type App } from '../app.ts';
import { parseBody } from '../body.ts';
import { problems } from '../errors.ts';
import { writeFile } from '../file-writes.ts';
import type { Identity } from '../git.ts';
import { isSafeFilePath, isValidBranch, normalizeReadPath, resolveCommitish } from '../names.ts';
import type { Route } from '../router.ts';
import { contentEntryJson, contentFileJson, gitCommitJson } from '../shapes/git-objects.ts';

const DOCS = 'https://docs.github.com/rest/repos/contents';

/** GitHub sends file content inline up to 1 MB; larger files come with encoding "none". */
const INLINE_LIMIT = 1024 * 1024;

const IdentitySchema = z.object({
  name: z.string().describe('Name in the commit.'),
  email: z.string().describe('Email in the commit.'),
  date: z.string().optional().describe('ISO 8601 date; now when absent.'),
});

const PutContentsSchema = z.object({
  message: z.string().describe('Commit message.'),
  content: z.string().describe('New file content, base64.'),
  sha: z.string().optional().describe('Blob sha of the file being replaced; required when it exists.'),
  branch: z.string().optional().describe('Branch to commit to; the default branch when absent.'),
  committer: IdentitySchema.optional().describe('Committer; the authenticated user when absent.'),
  author: IdentitySchema.optional().describe('Author; the committer when absent.'),
});

const DeleteContentsSchema = PutContentsSchema.omit({ content: true }).extend({
  sha: z.string().describe('Blob sha of the file being deleted.'),
});

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;
const UNSAFE_IDENTITY = /[\u0000-\u001f\u007f<>]/;

function decodeBase64(content: string): Buffer {
  const flat = content.replace(/[\r\n]/g, '');
  if (!BASE64.test(flat) || flat.length % 4 !== 0) throw problems.contentNotBase64();
  return Buffer.from(flat, 'base64');
}

/** Author and committer as GitHub picks them: given ones, else the token's user. */
function identities(app: App, login: string, input: z.output<typeof PutContentsSchema> | z.output<typeof DeleteContentsSchema>): { author: Identity; committer: Identity } {
  for (const [field, who] of [['committer', input.committer], ['author', input.author]] as const) {
    if (!who) continue;
    if (UNSAFE_IDENTITY.test(who.name) || UNSAFE_IDENTITY.test(who.email) || who.name.trim() === '') {
      throw problems.identityInvalid(field);
    }
    if (who.date !== undefined && Number.isNaN(Date.parse(who.date))) throw problems.invalidValue(`${field}/date`, who.date);
  }
  const dated = (who: Identity): Identity => {
    const date = who.date ?? app.commitDate();
    return { name: who.name, email: who.email, ...(date ? { date } : {}) };
  };
  const committer = input.committer ? dated(input.committer) : userIdentity(app, login);
  const author = input.author ? dated(input.author) : committer;
  return { author, committer };
}

async function targetBranch(app: App, branch: string | undefined): Promise<string> {
  const name = branch ?? app.baseBranch;
  if (!isValidBranch(name)) throw problems.branchNotFound(name);
  return name;
}

export const contentRoutes: Route[] = [
  {
    name: 'get-contents',
    method: 'GET',
    template: '/repos/{owner}/{repo}/contents/{path}',
    docs: `${DOCS}#get-repository-content`,
    async handle({ app, params, query }) {
      const path = normalizeReadPath(params.path ?? '');
      if (path === null) throw problems.notFound();
      const ref = query.get('ref') || app.baseBranch;
      const commit = await resolveCommitish(app.git, ref);
      if (commit === null) throw problems.noCommitFound(ref);
      const entry = await app.git.entry(commit, path);
      if (!entry) throw problems.notFound();
      if (entry.type === 'tree') {
        const entries = await app.git.listDirectory(commit, path);
        return { status: 200, body: entries.map((child) => contentEntryJson(app, child, ref)) };
      }
      if (entry.type === 'commit') {
        return { status: 200, body: { ...contentEntryJson(app, entry, ref), submodule_git_url: '' } };
      }
      const content = await app.git.readBlob(entry.sha);
      if (entry.mode === '120000') {
        return { status: 200, body: { ...contentEntryJson(app, entry, ref), target: content.toString('utf8') } };
      }
      if (content.length > INLINE_LIMIT) {
        return { status: 200, body: { ...contentEntryJson(app, entry, ref), content: '', encoding: 'none' } };
      }
      return { status: 200, body: contentFileJson(app, entry, ref, content) };
    },
  },
  {
    name: 'put-contents',
    method: 'PUT',
    template: '/repos/{owner}/{repo}/contents/{path}',
    docs: `${DOCS}#create-or-update-file-contents`,
    async handle({ app, params, body, login }) {
      const path = params.path ?? '';
      if (!isSafeFilePath(path)) throw problems.pathInvalid();
      const input = parseBody(PutContentsSchema, body);
      const content = decodeBase64(input.content);
      const branch = await targetBranch(app, input.branch);
      const result = await writeFile(app, {
        branch,
        path,
        content,
        expectedSha: input.sha,
        message: input.message,
        ...identities(app, login, input),
      });
      const commit = gitCommitJson(app, await app.git.commitInfo(result.commit));
      const file = result.entry ? contentEntryJson(app, result.entry, branch) : null;
      return { status: result.existed ? 200 : 201, body: { content: file, commit } };
    },
  },
  {
    name: 'delete-contents',
    method: 'DELETE',
    template: '/repos/{owner}/{repo}/contents/{path}',
    docs: `${DOCS}#delete-a-file`,
    async handle({ app, params, body, login }) {
      const path = params.path ?? '';
      if (!isSafeFilePath(path)) throw problems.pathInvalid();
      const input = parseBody(DeleteContentsSchema, body);
      const branch = await targetBranch(app, input.branch);
      const result = await writeFile(app, {
        branch,
        path,
        content: null,
        expectedSha: input.sha,
        message: input.message,
        ...identities(app, login, input),
      });
      return { status: 200, body: { content: null, commit: gitCommitJson(app, await app.git.commitInfo(result.commit)) } };
    },
  },
];

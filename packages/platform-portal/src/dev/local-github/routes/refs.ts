/**
 * Git references: https://docs.github.com/rest/git/refs. Creating and moving a reference is one
 * `git update-ref <ref> <new> <expected-old>`; git's compare-and-swap decides races, so of two
 * concurrent creations of the same branch exactly one gets 201 and the other 422.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { z } from 'zod';
import type { App } from '../app.ts';
import { parseBody } from '../body.ts';
import { problems } from '../errors.ts';
import { ZERO_OID } from '../git.ts';
import { isValidRef } from '../names.ts';
import { followBranch } from '../pull-git.ts';
import type { Route } from '../router.ts';
import { gitRefJson } from '../shapes/git-objects.ts';

const DOCS = 'https://docs.github.com/rest/git/refs';

const CreateRefSchema = z.object({
  ref: z.string().describe('Full name of the new reference, e.g. refs/heads/feature.'),
  sha: z.string().describe('Commit the reference points at.'),
});

const UpdateRefSchema = z.object({
  sha: z.string().describe('Commit to move the reference to.'),
  force: z.boolean().default(false).describe('Allow an update that is not a fast forward.'),
});

/**
 * Clients may only create branches and tags; refs/pull/* belong to pull requests. A branch
 * called "refs/..." or "HEAD" would make short names ambiguous for git, so none of those either.
 */
const WRITABLE = /^refs\/(heads|tags)\/(?!refs\/|HEAD$)/;

async function refAnswer(app: App, ref: string): Promise<Record<string, unknown> | null> {
  const sha = await app.git.refSha(ref);
  if (sha === null) return null;
  return gitRefJson(app, ref, sha, (await app.git.objectType(sha)) ?? 'commit');
}

/** A branch/tag may not be a path prefix of another ("a" vs "a/b"); git refuses, GitHub says it exists. */
async function conflictsWithExisting(app: App, ref: string): Promise<boolean> {
  const refs = await app.git.listRefs();
  return refs.some((other) => other.ref === ref || other.ref.startsWith(`${ref}/`) || ref.startsWith(`${other.ref}/`));
}

async function validTarget(app: App, ref: string, sha: string): Promise<boolean> {
  const type = await app.git.objectType(sha);
  return ref.startsWith('refs/heads/') ? type === 'commit' : type !== null;
}

export const refRoutes: Route[] = [
  {
    name: 'get-ref',
    method: 'GET',
    template: '/repos/{owner}/{repo}/git/ref/{ref}',
    docs: `${DOCS}#get-a-reference`,
    async handle({ app, params }) {
      const ref = `refs/${params.ref ?? ''}`;
      if (!isValidRef(ref)) throw problems.notFound();
      const body = await refAnswer(app, ref);
      if (!body) throw problems.notFound();
      return { status: 200, body };
    },
  },
  {
    name: 'matching-refs',
    method: 'GET',
    template: '/repos/{owner}/{repo}/git/matching-refs/{ref}',
    docs: `${DOCS}#list-matching-references`,
    async handle({ app, params }) {
      // GitHub matches by string prefix: "heads/feat" matches heads/feature-a and heads/feat/b.
      const prefix = `refs/${params.ref ?? ''}`;
      const refs = await app.git.listRefs();
      const body = refs
        .filter((entry) => entry.ref.startsWith(prefix))
        .map((entry) => gitRefJson(app, entry.ref, entry.sha, entry.type));
      return { status: 200, body };
    },
  },
  {
    name: 'create-ref',
    method: 'POST',
    template: '/repos/{owner}/{repo}/git/refs',
    docs: `${DOCS}#create-a-reference`,
    async handle({ app, body }) {
      const input = parseBody(CreateRefSchema, body);
      if (!input.ref.startsWith('refs/') || input.ref.split('/').length < 3) throw problems.referenceNeedsRefsPrefix();
      if (!WRITABLE.test(input.ref) || !isValidRef(input.ref)) throw problems.referenceInvalid(input.ref);
      if (!(await validTarget(app, input.ref, input.sha))) throw problems.objectDoesNotExist();
      for (let attempt = 1; attempt <= 5; attempt += 1) {
        if (await app.git.updateRef(input.ref, input.sha, ZERO_OID)) {
          if (input.ref.startsWith('refs/heads/')) app.branchUpdated(input.ref.slice('refs/heads/'.length), input.sha);
          const created = gitRefJson(app, input.ref, input.sha, (await app.git.objectType(input.sha)) ?? 'commit');
          return { status: 201, body: created, headers: { location: String(created.url) } };
        }
        // Lost the race, or another writer holds the lock file for a moment: look, then decide.
        if (await conflictsWithExisting(app, input.ref)) throw problems.referenceExists();
        await sleep(5 * attempt);
      }
      throw problems.busy();
    },
  },
  {
    name: 'update-ref',
    method: 'PATCH',
    template: '/repos/{owner}/{repo}/git/refs/{ref}',
    docs: `${DOCS}#update-a-reference`,
    async handle({ app, params, body }) {
      const ref = `refs/${params.ref ?? ''}`;
      const input = parseBody(UpdateRefSchema, body);
      if (!WRITABLE.test(ref) || !isValidRef(ref)) throw problems.referenceDoesNotExist();
      if (!(await validTarget(app, ref, input.sha))) throw problems.objectDoesNotExist();
      for (let attempt = 1; attempt <= 5; attempt += 1) {
        const current = await app.git.refSha(ref);
        if (current === null) throw problems.referenceDoesNotExist();
        if (!input.force && (await app.git.run(['merge-base', '--is-ancestor', current, input.sha])).code !== 0) {
          throw problems.updateNotFastForward();
        }
        if (await app.git.updateRef(ref, input.sha, current)) {
          if (ref.startsWith('refs/heads/')) {
            const branch = ref.slice('refs/heads/'.length);
            await followBranch(app, branch);
            app.branchUpdated(branch, input.sha);
          }
          return { status: 200, body: await refAnswer(app, ref) };
        }
        await sleep(5 * attempt);
      }
      throw problems.busy();
    },
  },
  {
    name: 'delete-ref',
    method: 'DELETE',
    template: '/repos/{owner}/{repo}/git/refs/{ref}',
    docs: `${DOCS}#delete-a-reference`,
    async handle({ app, params }) {
      const ref = `refs/${params.ref ?? ''}`;
      if (!WRITABLE.test(ref) || !isValidRef(ref)) throw problems.referenceDoesNotExist();
      if (ref === `refs/heads/${app.baseBranch}`) throw problems.cannotDeleteDefaultBranch();
      const current = await app.git.refSha(ref);
      if (current === null || !(await app.git.updateRef(ref, null, current))) {
        throw problems.referenceDoesNotExist();
      }
      return { status: 204 };
    },
  },
];

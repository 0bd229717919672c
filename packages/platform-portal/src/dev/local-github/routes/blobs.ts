/**
 * Git blobs: https://docs.github.com/rest/git/blobs#get-a-blob. The way to read a file over 1 MB,
 * which the contents API sends without its content; GitHub serves blobs up to 100 MB here.
 */
import { repoUrl } from '../app.ts';
import { problems } from '../errors.ts';
import type { Route } from '../router.ts';
import { wrapBase64 } from '../shapes/git-objects.ts';

const SHA = /^[0-9a-f]{40}$/;

export const blobRoutes: Route[] = [
  {
    name: 'get-blob',
    method: 'GET',
    template: '/repos/{owner}/{repo}/git/blobs/{file_sha}',
    docs: 'https://docs.github.com/rest/git/blobs#get-a-blob',
    async handle({ app, params }) {
      const sha = (params.file_sha ?? '').toLowerCase();
      if (!SHA.test(sha) || (await app.git.objectType(sha)) !== 'blob') throw problems.notFound();
      const content = await app.git.readBlob(sha);
      return {
        status: 200,
        body: {
          sha,
          node_id: Buffer.from(`04:Blob${sha}`).toString('base64'),
          size: content.length,
          url: `${repoUrl(app)}/git/blobs/${sha}`,
          content: wrapBase64(content),
          encoding: 'base64',
        },
      };
    },
  },
];

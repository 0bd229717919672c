import type { Repo } from './pull-requests.ts';
import { toGitHubError } from './errors.ts';
import { parseMarker, requesterSearchTerm } from '../requests/marker.ts';
import type { RequestSummary } from '../schemas/request-summary.ts';


/** The requester's request pull requests, newest first, with their live state from GitHub. */
export async function listRequests({ gh, config }: Repo, requesterHash: string): Promise<RequestSummary[]> {
  const q = `repo:${config.owner}/${config.repo} is:pr ${requesterSearchTerm(requesterHash)}`;
  try {
    const { data } = await gh.rest.search.issuesAndPullRequests({ q, sort: 'created', order: 'desc', per_page: 100 });
    return data.items.flatMap((item) => {
      const marker = parseMarker(item.body);
      if (!marker || marker.requester !== requesterHash) return [];
      const mergedAt = item.pull_request?.merged_at ?? null;
      return [
        {
          id: marker.id,
          type: marker.type,
          title: item.title,
          state: mergedAt ? 'merged' : item.state === 'open' ? 'open' : 'closed',
          createdAt: item.created_at,
          closedAt: item.closed_at,
          mergedAt,
          pullRequest: { number: item.number, url: item.html_url },
        } satisfies RequestSummary,
      ];
    });
  } catch (error) {
    throw toGitHubError(error, 'listing your requests');
  }
}

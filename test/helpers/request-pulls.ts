/**
 * Request pull requests with chosen dates, opened through the local GitHub's API: the clock the
 * server reads is set before each call, so created_at and merged_at are what the test says.
 */
import { createHash } from 'node:crypto';
import { testOctokit, type Octokit } from './octokit.ts';
import { DEV_ID_SECRET, requesterHash } from '../../packages/platform-portal/src/http/ids.ts';
import { formatMarker } from '../../packages/platform-portal/src/requests/marker.ts';

/** A clock for startLocalGitHub({ now }) that stays where the test puts it. */
export function settableClock(start = new Date()) {
  let time = start;
  return { now: () => time, set: (date: Date) => void (time = date) };
}

export interface PullSpec {
  /** Request type written in the hidden marker; without one the pull request is not a request. */
  type?: string;
  createdAt: Date;
  mergedAt?: Date;
  /** Closed without merging. */
  closed?: boolean;
  /** The token the pull request is opened with, when not the portal's: its marker is a copy. */
  openedWith?: string;
}

const hex = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 32);

/** Opens each pull request in turn (and merges or closes it); returns their numbers in the same order. */
export async function openPulls(
  octokit: Octokit,
  repository: string,
  clock: ReturnType<typeof settableClock>,
  specs: PullSpec[],
): Promise<number[]> {
  const [owner, repo] = repository.split('/') as [string, string];
  const numbers: number[] = [];
  const requester = await requesterHash(DEV_ID_SECRET, 'someone@example.com');
  const baseUrl = octokit.request.endpoint.DEFAULTS.baseUrl;
  for (const [i, spec] of specs.entries()) {
    clock.set(spec.createdAt);
    const branch = `requests/${spec.type ?? 'manual'}/pull-${i}`;
    const { data: main } = await octokit.rest.git.getRef({ owner, repo, ref: 'heads/main' });
    await octokit.rest.git.createRef({ owner, repo, ref: `refs/heads/${branch}`, sha: main.object.sha });
    await octokit.rest.repos.createOrUpdateFileContents({ owner, repo, branch, path: `notes/pull-${i}.md`, message: `Pull ${i}`, content: btoa(`pull ${i}\n`) });
    const marker = spec.type ? `\n\n${formatMarker({ id: hex(`id-${i}`), type: spec.type, requester })}` : '';
    const opener = spec.openedWith ? testOctokit({ auth: spec.openedWith, baseUrl }) : octokit;
    const { data: pull } = await opener.rest.pulls.create({ owner, repo, head: branch, base: 'main', title: `${spec.type ?? 'Manual'} change ${i}`, body: `Change ${i}.${marker}` });
    if (spec.mergedAt) {
      clock.set(spec.mergedAt);
      await octokit.rest.pulls.merge({ owner, repo, pull_number: pull.number });
    } else if (spec.closed) {
      await octokit.rest.pulls.update({ owner, repo, pull_number: pull.number, state: 'closed' });
    }
    numbers.push(pull.number);
  }
  return numbers;
}

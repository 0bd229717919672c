/**
 * The transport policy of the one GitHub client (src/github/README.md, first row): a fault is
 * sent again twice, a rate limit waits for its `retry-after` up to 20 s, and no other client error
 * is sent again. A scripted transport answers each call and counts them.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createGitHub } from '../../packages/platform-portal/src/github/client.ts';

const config = {
  apiUrl: 'https://github.test',
  owner: 'acme',
  repo: 'portal',
  baseBranch: 'main',
  auth: { kind: 'token' as const, token: 'test' },
  // Waits are counted in milliseconds here, not seconds.
  retryBaseMs: 1,
  writeIntervalMs: 0,
  timeoutMs: 5_000,
};

interface Answer {
  status: number;
  message?: string;
  headers?: Record<string, string>;
}

/** Answers each call with the next of `answers` (the last one repeats); returns how many calls came. */
async function callsFor(...answers: Answer[]): Promise<{ calls: number; status: number }> {
  let calls = 0;
  vi.stubGlobal('fetch', async () => {
    const { status, message = 'answer', headers = {} } = answers[Math.min(calls++, answers.length - 1)]!;
    return new Response(JSON.stringify({ message }), { status, headers: { 'content-type': 'application/json', ...headers } });
  });
  const gh = createGitHub(config);
  const status = await gh.rest.repos
    .createOrUpdateFileContents({ owner: 'acme', repo: 'portal', path: 'a.yaml', message: 'Add a', content: 'YQ==' })
    .then((response) => response.status as number, (error: { status: number }) => error.status);
  return { calls, status };
}

const secondary = (retryAfter: string): Answer => ({
  status: 403,
  message: 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.',
  headers: { 'retry-after': retryAfter },
});

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('the GitHub client', () => {
  it('sends a call again after a 5xx, twice at most', async () => {
    expect(await callsFor({ status: 502 }, { status: 503 }, { status: 201 })).toEqual({ calls: 3, status: 201 });
    expect(await callsFor({ status: 500 })).toEqual({ calls: 3, status: 500 });
  });

  it('never sends a client error again unchanged: a conflict is decided again by its caller', async () => {
    for (const status of [400, 401, 404, 409, 422]) expect(await callsFor({ status }), `HTTP ${status}`).toEqual({ calls: 1, status });
  });

  it("waits out a rate limit as its retry-after says, up to 20 s, twice at most; a longer one or a 429 without GitHub's message fails at once", async () => {
    expect(await callsFor(secondary('1'), { status: 201 })).toEqual({ calls: 2, status: 201 });
    expect(await callsFor(secondary('20'))).toEqual({ calls: 3, status: 403 });
    expect(await callsFor(secondary('21'))).toEqual({ calls: 1, status: 403 });
    expect(await callsFor({ status: 429, headers: { 'retry-after': '1' } })).toEqual({ calls: 1, status: 429 });
  });
});

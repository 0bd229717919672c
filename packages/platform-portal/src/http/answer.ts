import { GitHubError, RequestConflict } from '../github/errors.ts';
import { RequestRefused } from '../requests/types.ts';
import { fieldErrors, HttpProblem, problemResponse } from './problems.ts';

const REFUSALS = { 'not-found': 'not-found', conflict: 'conflict', unprocessable: 'validation-failed' } as const;

/** Maps what the parts below the edge throw onto the API's problems: one place, one wording. */
export function toHttpProblem(error: unknown): HttpProblem {
  if (error instanceof HttpProblem) return error;
  if (error instanceof RequestRefused) return new HttpProblem(REFUSALS[error.kind], error.message, fieldErrors(error.problems));
  if (error instanceof RequestConflict) {
    if (error.pullRequest) return new HttpProblem('conflict', error.message, { pullRequest: error.pullRequest });
    const after: Record<string, string> = error.retryAfterSeconds === undefined ? {} : { 'retry-after': String(error.retryAfterSeconds) };
    return new HttpProblem('conflict', error.message, { retryable: true }, after);
  }
  if (error instanceof GitHubError) {
    if (error.kind === 'rate-limited') {
      const after = String(error.retryAfterSeconds ?? 60);
      return new HttpProblem('rate-limited', `${error.message} Try again in ${after} seconds; nothing is lost, the retry completes the same request.`, { retryable: true }, { 'retry-after': after });
    }
    if (error.kind === 'unavailable') {
      return new HttpProblem('github-unavailable', `${error.message} Try again: the retry completes the same request.`, { retryable: true });
    }
    return new HttpProblem('github-misconfigured', error.message, { retryable: false });
  }
  console.error('Unexpected error in the requests API', error);
  return new HttpProblem('internal', 'The portal failed unexpectedly; try again, and tell the platform team if it keeps failing.', { retryable: true });
}

export async function withProblems(run: () => Promise<Response>): Promise<Response> {
  try {
    return await run();
  } catch (error) {
    return problemResponse(toHttpProblem(error));
  }
}

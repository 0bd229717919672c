import { HttpProblem } from '../../packages/platform-portal/src/http/problems.ts';

/** The problem `run` throws, or undefined when it does not throw one; anything else thrown propagates. */
export async function problemOf(run: () => Promise<unknown>): Promise<HttpProblem | undefined> {
  try {
    await run();
    return undefined;
  } catch (error) {
    if (error instanceof HttpProblem) return error;
    throw error;
  }
}

/**
 * The tests' own GitHub client: the `octokit` package's `Octokit`, the one the portal uses, with
 * its retries and throttling off unless a test asks for them. A test drives the local GitHub as a
 * person or another tool would: each call once (fault tests count calls), without the second
 * between writes the throttle keeps for an integration.
 */
import { Octokit } from 'octokit';

export type { Octokit };

export function testOctokit(options: ConstructorParameters<typeof Octokit>[0] = {}): Octokit {
  return new Octokit({ retry: { enabled: false }, throttle: { enabled: false }, ...options });
}

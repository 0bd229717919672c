import pRetry from 'p-retry';

/** How many times a server is started on fresh ports before a port conflict fails the test. */
const ATTEMPTS = 3;

/**
 * Starts servers on ports `start` finds free, and again on fresh ones when a port was taken
 * between choosing and binding it, by another test's server or by one of the sockets wrangler
 * opens for itself (seen in CI: "Address already in use"). No other failure is retried.
 */
export function startOnFreePorts<T>(start: () => Promise<T>): Promise<T> {
  return pRetry(start, {
    retries: ATTEMPTS - 1,
    minTimeout: 0,
    shouldRetry: ({ error }) => /address already in use/i.test(String(error)),
  });
}

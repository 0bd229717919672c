/** The Debian build; playwright-core and Lighthouse ship no browser of their own here. */
export const CHROMIUM_PATH = '/usr/bin/chromium';

/**
 * Flags for every Chromium the bench starts: headless in a container without a sandbox, and no
 * traffic of its own (updates, sync, QUIC probes) to blur what the page fetches. Each launch also
 * gets a fresh profile in the bench's temp folder.
 */
export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/**
 * Chromium's environment: its temp folder (where it leaves `org.chromium.Chromium.*` lock folders
 * when it is killed) inside the profile, which the bench removes.
 */
export function chromiumEnv(profileDir: string): Record<string, string> {
  return { ...(process.env as Record<string, string>), TMPDIR: profileDir };
}

/**
 * The browser tests and the benchmark drive: Debian's Chromium (nothing downloads a browser here;
 * CHROMIUM_PATH points elsewhere, e.g. on GitHub's runners), headless without a sandbox, and with
 * no traffic of its own (updates, sync, QUIC probes) to fail on a closed network or blur what a
 * page fetches.
 */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

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

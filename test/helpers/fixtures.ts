import path from 'node:path';

/** The repository: the demo site at its root, the engine in packages/platform-portal. */
export const REPO_ROOT = path.resolve(import.meta.dirname, '../..');

/** A fixture site of the engine's tests (test/fixtures/<scenario>/): content and config only. */
export const fixture = (scenario: string) => path.join(REPO_ROOT, 'test/fixtures', scenario);

/** The site most tests build: the demo content as it was when the engine became a package. */
export const BASICS = fixture('basics');

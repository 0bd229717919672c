/** Each launch of the bench also gets a fresh profile in the bench's temp folder. */
export { CHROMIUM_FLAGS, CHROMIUM_PATH } from '../tools/chromium.ts';

/**
 * Chromium's environment: its temp folder (where it leaves `org.chromium.Chromium.*` lock folders
 * when it is killed) inside the profile, which the bench removes.
 */
export function chromiumEnv(profileDir: string): Record<string, string> {
  return { ...(process.env as Record<string, string>), TMPDIR: profileDir };
}

/** Usage files on disk: one JSON serialization, and writes that leave no half-written file. */
import { randomBytes } from 'node:crypto';
import { mkdir, readdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { UsageFileSchema, type UsageFile } from '../schemas/usage.ts';

/** A point as JSON.stringify writes it inside the file: a string holding `["2026-11-24",372.1]`. */
const QUOTED_POINT = /"(\[\\"\d{4}-\d{2}-\d{2}\\",[^"\]]+\])"/g;

/**
 * The one text form of a usage file: two-space JSON with one point per line, so that a new day
 * is a one-line diff. Each point is serialized on its own, then unquoted in place; the schema
 * has checked that dates and numbers are all a point can hold.
 */
export function serializeUsageFile(file: UsageFile): string {
  const text = JSON.stringify(UsageFileSchema.parse(file), (key, value: unknown) => (key === 'points' ? (value as unknown[]).map((p) => JSON.stringify(p)) : value), 2);
  return `${text.replace(QUOTED_POINT, (_, point: string) => JSON.parse(`"${point}"`) as string)}\n`;
}

export const usageFileName = (tenant: string) => `${tenant}.json`;

/**
 * Writes every file to a temporary file in `dir`, then renames them into place (atomic on one
 * file system). A failure while writing removes the temporary files and leaves the old ones.
 */
export async function writeUsageFiles(dir: string, files: readonly UsageFile[]): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  const staged: { temp: string; target: string }[] = [];
  try {
    for (const file of files) {
      const target = path.join(dir, usageFileName(file.tenant));
      const temp = path.join(dir, `.${usageFileName(file.tenant)}.${randomBytes(4).toString('hex')}.tmp`);
      staged.push({ temp, target });
      await writeFile(temp, serializeUsageFile(file));
    }
  } catch (error) {
    await Promise.all(staged.map(({ temp }) => rm(temp, { force: true })));
    throw error;
  }
  for (const { temp, target } of staged) await rename(temp, target);
  return staged.map(({ target }) => target);
}

/** Usage files in `dir` whose tenant no longer has any usage to export (e.g. after offboarding). */
export async function orphanedUsageFiles(dir: string, tenants: readonly string[]): Promise<string[]> {
  const names = await readdir(dir).catch(() => []);
  const kept = new Set(tenants.map(usageFileName));
  return names.filter((name) => name.endsWith('.json') && !kept.has(name)).sort();
}

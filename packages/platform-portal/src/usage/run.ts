/** One export: content/ in, every query answered, then the usage files written in one go. */
import path from 'node:path';
import type { UsageFile } from '../schemas/usage.ts';
import { loadUsageContent } from './content.ts';
import { fetchUsage, usageJobs, type ExportRange } from './export.ts';
import { orphanedUsageFiles, writeUsageFiles } from './files.ts';
import type { PrometheusTarget } from './prometheus.ts';

export interface UsageExportOptions {
  /** Folder holding services/ and tenants/. */
  contentDir: string;
  /** Where the usage files go; by default <contentDir>/usage. */
  outDir?: string | undefined;
  prometheus: PrometheusTarget;
  range: ExportRange;
  now: Date;
}

export interface UsageExportResult {
  files: UsageFile[];
  written: string[];
  /** Usage files of tenants that no longer have anything to export: delete them by hand. */
  orphans: string[];
}

export async function runUsageExport({ contentDir, outDir = path.join(contentDir, 'usage'), prometheus, range, now }: UsageExportOptions): Promise<UsageExportResult> {
  const { catalog, tenants } = await loadUsageContent(contentDir);
  const files = await fetchUsage(usageJobs(catalog, tenants), prometheus, range, now);
  const written = await writeUsageFiles(outDir, files);
  const orphans = (await orphanedUsageFiles(outDir, files.map((f) => f.tenant))).map((name) => path.join(outDir, name));
  return { files, written, orphans };
}

/** Reads the service catalog and the tenants from content/, checked by the site's own schemas. */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { parse } from 'yaml';
import type { z } from 'zod';
import { ServiceSchema, type Service } from '../schemas/service.ts';
import { TenantSchema, type Tenant } from '../schemas/tenant.ts';
import { formatProblems, problemsFromZod, type Problem } from '../lib/problems.ts';

/** content/ does not hold what the exporter needs; the message lists every problem with its file. */
export class ContentError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ContentError';
  }
}

export interface UsageContent {
  /** Services by id (the file name). */
  catalog: Map<string, Service>;
  tenants: Tenant[];
}

async function readFolder<S extends z.ZodType>(folder: string, schema: S, problems: Problem[]): Promise<Map<string, z.output<S>>> {
  let names: string[];
  try {
    names = (await readdir(folder)).filter((name) => name.endsWith('.yaml')).sort();
  } catch (error) {
    problems.push({ file: folder, path: '', message: `cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)}); pass the content folder with --content` });
    return new Map();
  }
  const entries = new Map<string, z.output<S>>();
  for (const name of names) {
    const file = path.join(folder, name);
    let data: unknown;
    try {
      data = parse(await readFile(file, 'utf8'));
    } catch (error) {
      problems.push({ file, path: '', message: `is not valid YAML: ${(error as Error).message.split('\n')[0]}` });
      continue;
    }
    const parsed = schema.safeParse(data);
    if (parsed.success) entries.set(name.replace(/\.yaml$/, ''), parsed.data);
    else problems.push(...problemsFromZod(parsed.error, { file, schema }));
  }
  return entries;
}

/** The catalog and the tenants under `contentDir`; every invalid file is named in one ContentError. */
export async function loadUsageContent(contentDir: string): Promise<UsageContent> {
  const problems: Problem[] = [];
  // A site's own fields (portalCollections({ extend })) are the content check's to judge: the export reads the portal's.
  const catalog = await readFolder(path.join(contentDir, 'services'), ServiceSchema.loose(), problems);
  const tenants = await readFolder(path.join(contentDir, 'tenants'), TenantSchema.loose(), problems);
  if (problems.length > 0) throw new ContentError(formatProblems(`The content in ${contentDir} has ${problems.length} problem(s); fix them before exporting usage:`, problems));
  return { catalog, tenants: [...tenants.values()] };
}

import { spawnSync } from 'node:child_process';

/**
 * Newest commit time of every file under content/, read with one `git log` for the whole build
 * (one call per page costs seconds at thousands of pages). Keys are paths from the repo root.
 */
export function readCommitDates(cwd = process.cwd(), folder = 'content'): Map<string, Date> {
  const dates = new Map<string, Date>();
  const log = spawnSync('git', ['log', '--format=t:%ct', '--name-only', '--relative', '--', folder], {
    cwd,
    encoding: 'utf-8',
    maxBuffer: 256 * 1024 * 1024,
  });
  if (log.status !== 0) return dates;
  let current = 0;
  for (const line of log.stdout.split('\n')) {
    if (line.startsWith('t:')) current = Number(line.slice(2)) * 1000;
    else if (line && !dates.has(line)) dates.set(line, new Date(current));
  }
  return dates;
}

import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

export interface Measured {
  code: number;
  /** Wall time from spawn to exit. */
  seconds: number;
  /** Highest sum of the RSS of the process and all its descendants seen by the sampler. */
  peakRssBytes: number;
  /** CPU seconds of the process tree, as last sampled. */
  cpuSeconds: number;
  /**
   * Cores kept busy by everything else on the machine during the run, on average: the bench
   * shares its machine, and a build that competed with other work is slower for it.
   */
  otherLoad: number;
  /** stdout and stderr interleaved, ANSI colours removed. */
  output: string;
}

export interface RunOptions {
  cwd: string;
  env?: NodeJS.ProcessEnv;
  /** How often the process tree is sampled. */
  sampleMs?: number;
}

/** Linux's USER_HZ: /proc reports CPU time in these ticks on every architecture Node runs on. */
const TICKS_PER_SECOND = 100;

/**
 * Runs a command and samples its whole process tree from /proc: a build is Node plus the Pagefind
 * binary (or Python alone for MkDocs), and a child's memory counts as the build's. Pages shared
 * between processes count once per process, as in `ps`; peaks shorter than a sample are missed,
 * so the RSS is a floor.
 */
export function runMeasured(command: string, args: string[], options: RunOptions): Promise<Measured> {
  const started = performance.now();
  const machineBefore = machineBusyTicks();
  const child = spawn(command, args, { cwd: options.cwd, env: options.env ?? process.env });
  const chunks: Buffer[] = [];
  child.stdout.on('data', (d: Buffer) => chunks.push(d));
  child.stderr.on('data', (d: Buffer) => chunks.push(d));
  let peakRssBytes = 0;
  const cpuTicks = new Map<number, number>();
  const sample = () => {
    if (child.pid === undefined) return;
    const tree = sampleTree(child.pid);
    peakRssBytes = Math.max(peakRssBytes, tree.rssBytes);
    for (const [pid, ticks] of tree.cpuTicks) cpuTicks.set(pid, ticks);
  };
  const timer = setInterval(sample, options.sampleMs ?? 100);
  return new Promise((resolve, reject) => {
    child.on('error', (error) => {
      clearInterval(timer);
      reject(error);
    });
    child.on('close', (code) => {
      clearInterval(timer);
      const seconds = (performance.now() - started) / 1000;
      const cpuSeconds = [...cpuTicks.values()].reduce((a, b) => a + b, 0) / TICKS_PER_SECOND;
      const machineSeconds = (machineBusyTicks() - machineBefore) / TICKS_PER_SECOND;
      const output = Buffer.concat(chunks).toString('utf-8').replace(/\x1b\[[0-9;]*m/g, '');
      resolve({ code: code ?? 1, seconds, peakRssBytes, cpuSeconds, otherLoad: Math.max(0, machineSeconds - cpuSeconds) / seconds, output });
    });
  });
}

/** RSS and CPU ticks of `root` and every process below it, read in one pass over /proc. */
function sampleTree(root: number): { rssBytes: number; cpuTicks: Map<number, number> } {
  const children = new Map<number, number[]>();
  const ticks = new Map<number, number>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const stat = readProc(`/proc/${name}/stat`);
    if (!stat) continue;
    // The command name in parentheses may hold spaces: count fields from its closing `)`. After it
    // come state (3), ppid (4), ..., utime (14) and stime (15), numbered as in proc(5).
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const pid = Number(name);
    const ppid = Number(fields[1]);
    children.set(ppid, [...(children.get(ppid) ?? []), pid]);
    ticks.set(pid, Number(fields[11]) + Number(fields[12]));
  }
  let rssBytes = 0;
  const cpuTicks = new Map<number, number>();
  const queue = [root];
  while (queue.length > 0) {
    const pid = queue.pop()!;
    const rss = readProc(`/proc/${pid}/status`)?.match(/^VmRSS:\s+(\d+) kB/m);
    if (rss) rssBytes += Number(rss[1]) * 1024;
    if (ticks.has(pid)) cpuTicks.set(pid, ticks.get(pid)!);
    queue.push(...(children.get(pid) ?? []));
  }
  return { rssBytes, cpuTicks };
}

/** Busy CPU ticks of the whole machine since boot (all cores), from the first line of /proc/stat. */
function machineBusyTicks(): number {
  const [, user, nice, system, , , irq, softirq, steal] = readFileSync('/proc/stat', 'utf-8').split('\n')[0]!.trim().split(/\s+/).map(Number);
  return user! + nice! + system! + irq! + softirq! + steal!;
}

/** A process can exit between listing /proc and reading its files. */
function readProc(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf-8');
  } catch {
    return undefined;
  }
}

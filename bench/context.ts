import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createSite } from './sites.ts';
import type { Table } from './table.ts';

/** A built site kept for later sections (search reuses build-scale's last dists). */
export interface BuiltSite {
  name: string;
  /** Generated pages it holds. */
  pages: number;
  dist: string;
}

export interface BenchOptions {
  quick: boolean;
  /** A built dist of the portal to use instead of building it (page weight, Lighthouse). */
  dist?: string | undefined;
}

export interface BenchContext extends BenchOptions {
  /** Generated-page counts of the scale sections, and runs of each build. */
  sizes: number[];
  runs: number;
  /** A fresh folder under the bench's temp root; all of it goes when the bench ends. */
  tempDir(prefix: string): Promise<string>;
  /** Runs `dispose` when the bench ends, even after a failure. */
  defer(dispose: () => Promise<void>): void;
  /** The portal's own build, without generated pages: built once on first use. */
  portalDist(): Promise<string>;
  /** The last dist of each site at the largest size, filled by build-scale. */
  scaleDists: Map<'portal' | 'bare', BuiltSite>;
  log(message: string): void;
}

/** What a section hands back: tables to print and the figures behind them for latest.json. */
export interface SectionReport {
  tables: Table[];
  figures: unknown;
}

export interface Section {
  /** Name used by `--only`. */
  key: string;
  title: string;
  run(ctx: BenchContext): Promise<SectionReport>;
}

export async function createContext(options: BenchOptions): Promise<BenchContext & { close(): Promise<void> }> {
  const root = await mkdtemp(path.join(os.tmpdir(), 'portal-bench-'));
  const disposers: Array<() => Promise<void>> = [];
  let portal: Promise<string> | undefined;
  const started = performance.now();
  const ctx: BenchContext & { close(): Promise<void> } = {
    ...options,
    sizes: options.quick ? [200] : [1000, 3000],
    // Three runs, so that the median is a run's figure: two builds of the same site here differed by up to 15%.
    runs: options.quick ? 1 : 3,
    tempDir: (prefix) => mkdtemp(path.join(root, prefix)),
    defer: (dispose) => disposers.push(dispose),
    portalDist: () => (portal ??= options.dist ? Promise.resolve(path.resolve(options.dist)) : buildPortal(ctx)),
    scaleDists: new Map(),
    log: (message) => console.error(`[${((performance.now() - started) / 1000).toFixed(0).padStart(4)}s] ${message}`),
    async close() {
      for (const dispose of disposers.reverse()) await dispose().catch(() => {});
      await rm(root, { recursive: true, force: true });
    },
  };
  return ctx;
}

async function buildPortal(ctx: BenchContext): Promise<string> {
  ctx.log('building the portal as it is (no generated pages)');
  const site = await createSite('portal', ctx, 0);
  const built = await site.build();
  ctx.log(`portal built in ${built.seconds.toFixed(1)} s`);
  return site.dist;
}

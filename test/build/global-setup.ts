import { spawnSync } from 'node:child_process';
import type { TestProject } from 'vitest/node';
import { buildEnv } from '../helpers/site-copy.ts';
import { BASICS } from '../helpers/fixtures.ts';
import { astroBin } from '../../packages/platform-portal/src/dev/bins.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** What `astro build` printed, for the tests of what a person running it sees. */
    buildLog: string;
  }
}

/** Builds the fixture site into its dist/ once for every build-output test. */
export default function setup(project: TestProject) {
  const result = spawnSync(process.execPath, [astroBin(BASICS), 'build'], {
    cwd: BASICS,
    encoding: 'utf-8',
    // Without GitHub variables: the scorecard of this build has no request source.
    env: buildEnv(),
  });
  if (result.status !== 0) throw new Error(`astro build failed:\n${result.stdout}\n${result.stderr}`);
  project.provide('buildLog', `${result.stdout}\n${result.stderr}`);
}

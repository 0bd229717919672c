import { fixture } from './fixtures.ts';
import { copySite, type SiteCopy } from './site-copy.ts';
import { startTestStack, type TestStack } from './stack.ts';
import { launchBrowser, type TestBrowser } from './browser.ts';

export interface FixtureStack {
  site: SiteCopy;
  stack: TestStack;
  browser: TestBrowser;
  /** Closes the browser, stops the stack and removes the copy, whatever of them started. */
  stop(): Promise<void>;
}

/**
 * A fixture site (test/fixtures/<name>/) built in a copy and served with its functions and a local
 * GitHub seeded from its content, and a browser: what an end-to-end test of a site needs.
 */
export async function startFixtureStack(name: string, config: { github: { repository: string; baseBranch: string } }): Promise<FixtureStack> {
  const site = await copySite(name, fixture(name));
  const build = await site.run(['build']);
  if (build.code !== 0) {
    await site.dispose();
    throw new Error(`building the ${name} fixture failed:\n${build.output.slice(-3000)}`);
  }
  const [stack, browser] = await Promise.all([startTestStack({}, { site: { root: site.dir, config } }), launchBrowser()]);
  return {
    site,
    stack,
    browser,
    async stop() {
      await browser.close();
      await stack.stop();
      await site.dispose();
    },
  };
}

import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { chromium, type Browser, type Page } from 'playwright-core';
import { CHROMIUM_FLAGS, CHROMIUM_PATH } from '../../tools/chromium.ts';

export interface TestBrowser {
  browser: Browser;
  close(): Promise<void>;
}

/** Chromium with a fresh profile (Playwright makes and removes it). */
export async function launchBrowser(): Promise<TestBrowser> {
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_FLAGS });
  return { browser, close: () => browser.close() };
}

const axeSource = readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf-8');

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/**
 * Runs axe-core in the page (WCAG 2.1 A and AA rules, and axe's best practices, such as headings
 * that skip no level and landmarks with names of their own) and returns what it found, worded for
 * a failure message.
 */
export async function axeViolations(page: Page): Promise<string[]> {
  // Evaluated through the DevTools protocol rather than added as a <script>: the site's content
  // security policy (served by wrangler from dist/_headers) refuses inline scripts it did not build.
  await page.evaluate(await axeSource);
  const violations: AxeViolation[] = await page.evaluate(async () => {
    // @ts-expect-error axe is injected above
    const result = await window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] } });
    return result.violations;
  });
  return violations.map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

export interface AccessibleNode {
  /** Chromium's `invalid` state: 'true', 'false', or undefined when it has none. */
  invalid: string | undefined;
  description: string;
}

/**
 * A node of the tree Chromium gives assistive technology (DevTools' Accessibility.getFullAXTree),
 * by role and name: what a screen reader is told, not what the DOM says.
 */
export async function accessibleNode(page: Page, role: string, name: string): Promise<AccessibleNode | undefined> {
  const cdp = await page.context().newCDPSession(page);
  try {
    const { nodes } = await cdp.send('Accessibility.getFullAXTree');
    const node = nodes.find((n) => n.role?.value === role && n.name?.value === name);
    return node && { invalid: node.properties?.find((p) => p.name === 'invalid')?.value.value as string | undefined, description: String(node.description?.value ?? '') };
  } finally {
    await cdp.detach();
  }
}

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestStack, type TestStack } from '../helpers/stack.ts';

let stack: TestStack;
beforeAll(async () => {
  // Production must not accept requests without an authentication mode.
  stack = await startTestStack({ AUTH_MODE: '', GITHUB_API_URL: 'not a url' });
});
afterAll(() => stack?.stop());

describe('missing or malformed configuration', () => {
  it('answers 503 naming each variable to fix, and no stack trace', async () => {
    const response = await stack.post('feedback', { area: 'kafka', rating: 3, category: 'service' });
    expect(response.status).toBe(503);
    expect(response.body.type).toBe('/api/problems/not-configured');
    expect(response.body.errors.map((e: { path: string }) => e.path)).toEqual(['AUTH_MODE', 'GITHUB_API_URL']);
    expect(response.body.detail).toMatch(/AUTH_MODE: set AUTH_MODE=access/);
    expect(JSON.stringify(response.body)).not.toMatch(/at \w+ \(|\.ts:\d+/);
  });
});

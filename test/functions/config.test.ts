import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestStack, type TestStack } from '../helpers/stack.ts';

let stack: TestStack;
let devStack: TestStack;
beforeAll(async () => {
  // Production must not accept requests without an authentication mode.
  [stack, devStack] = await Promise.all([startTestStack({ AUTH_MODE: '', GITHUB_API_URL: 'not a url' }), startTestStack()]);
});
afterAll(async () => {
  await Promise.all([stack?.stop(), devStack?.stop()]);
});

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

/** GET /api/requests on the dev stack with the Host header given (fetch would not send another Host). */
function listWithHost(host: string): Promise<{ status: number; body: any }> {
  const { port } = new URL(devStack.siteUrl);
  return new Promise((resolve, reject) => {
    const request = http.request({ host: '127.0.0.1', port, path: '/api/requests', headers: { host } }, (response) => {
      let text = '';
      response.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body: JSON.parse(text) }));
    });
    request.on('error', reject);
    request.end();
  });
}

describe('AUTH_MODE=dev', () => {
  it('answers on loopback as the configured person', async () => {
    const { port } = new URL(devStack.siteUrl);
    for (const host of [`127.0.0.1:${port}`, `localhost:${port}`]) {
      const response = await listWithHost(host);
      expect(response.status, host).toBe(200);
      expect(response.body.requester).toBe('developer@example.com');
    }
  });

  it('answers 503 naming AUTH_MODE when the site is reached under another name (a tunnel, a deployment)', async () => {
    const response = await listWithHost('portal.example.com');
    expect(response.status).toBe(503);
    expect(response.body).toMatchObject({ type: '/api/problems/not-configured', errors: [{ path: 'AUTH_MODE' }] });
  });
});

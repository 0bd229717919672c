import { startTestStack } from '/work/wt/feedback/test/helpers/stack.ts';
const stack = await startTestStack();
const admin = (p: string, method = 'GET') => fetch(`${stack.github.apiUrl}/_admin/${p}`, { method }).then((r) => r.json());
try {
  const PAGES = ['/guides/kafka-quickstart/', '/guides/observability/'];
  let n = 0;
  const post = (i: number) => stack.post('feedback', { page: PAGES[i % 2], rating: (i % 5) + 1, category: 'docs', message: `m ${i}` }, { 'idempotency-key': `scratch-key-${i}` });
  for (let i = 0; i < 4; i++) {
    await admin('stats/reset', 'POST');
    const t = performance.now();
    const r = await post(n++);
    console.log('single', r.status, Math.round(performance.now() - t), 'ms', JSON.stringify((await admin('stats'))));
  }
  for (let w = 0; w < 3; w++) {
    await admin('stats/reset', 'POST');
    const t = performance.now();
    const rs = await Promise.all(Array.from({ length: 10 }, () => post(n++)));
    console.log('wave', rs.map((r) => r.status).join(','), Math.round(performance.now() - t), 'ms', (await admin('stats')).total);
  }
} finally {
  await stack.stop();
}

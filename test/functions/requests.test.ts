import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { parse } from 'yaml';
import { startTestStack, OWNER, REPO, type TestStack } from '../helpers/stack.ts';
import { TenantSchema } from '../../packages/platform-portal/src/schemas/tenant.ts';
import { FeedbackEntrySchema } from '../../packages/platform-portal/src/schemas/feedback.ts';
import { copySite } from '../helpers/site-copy.ts';
import { measuredSeries } from '../helpers/usage.ts';
import { formatIsoDay } from '../../packages/platform-portal/src/lib/dates.ts';
import { ZOD_WORDING } from '../helpers/zod-wording.ts';

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(() => stack?.stop());

const git = (...args: string[]) => execFileSync('git', args, { cwd: stack.github.repoPath, encoding: 'utf-8' });
const schemaOf = async (type: string) => (await fetch(`${stack.siteUrl}/api/requests/${type}/schema`)).json();
const fileOn = (branch: string, file: string) => git('show', `refs/heads/${branch}:${file}`);


describe('the documented example of each request type opens a pull request', () => {
  const opened: Record<string, { branch: string; number: number }> = {};

  it.each(['onboarding', 'capacity', 'feedback'])('%s', async (type) => {
    const { schema, example } = await schemaOf(type);
    expect(schema.type).toBe('object');
    const response = await stack.post(type, example, { 'idempotency-key': `example-${type}-0001` });
    expect(response.status, JSON.stringify(response.body)).toBe(201);
    expect(response.body).toMatchObject({ type, status: 'open', pullRequest: { number: expect.any(Number), branch: expect.any(String) } });
    const { data: pr } = await stack.octokit.rest.pulls.get({ owner: OWNER, repo: REPO, pull_number: response.body.pullRequest.number });
    expect(pr.state).toBe('open');
    expect(pr.head.ref).toBe(response.body.pullRequest.branch);
    expect(pr.body).toContain(`portal-request: {"id":"${response.body.id}"`);
    expect(pr.labels.map((l) => l.name)).toEqual(expect.arrayContaining(['portal-request', type]));
    opened[type] = { branch: pr.head.ref, number: pr.number };
  });

  it('writes files that the schemas accept, and changes nothing else', () => {
    const onboarding = git('diff', '--name-only', `main...refs/heads/${opened.onboarding!.branch}`).trim().split('\n');
    expect(onboarding).toEqual(['.github/CODEOWNERS', 'content/tenants/recommendations.yaml']);
    const tenant = TenantSchema.parse(parse(fileOn(opened.onboarding!.branch, 'content/tenants/recommendations.yaml')));
    expect(tenant).toMatchObject({ slug: 'recommendations', status: 'onboarding', owners: ['alex-kim', 'sam-osei'] });
    // The tenant's owners join the CODEOWNERS block in the same pull request: its file's line and its access grants'.
    const codeowners = git('diff', '--unified=0', `main...refs/heads/${opened.onboarding!.branch}`, '--', '.github/CODEOWNERS');
    expect(codeowners.split('\n').filter((l) => /^[-+][^-+]/.test(l))).toEqual([
      '+/content/tenants/recommendations.yaml @alex-kim @sam-osei',
      '+/content/access/recommendations.yaml @alex-kim @sam-osei',
    ]);

    const capacityDiff = git('diff', '--unified=0', `main...refs/heads/${opened.capacity!.branch}`);
    const changed = capacityDiff.split('\n').filter((l) => /^[-+][^-+]/.test(l));
    expect(changed).toEqual([expect.stringMatching(/^-\s+partitions: 96$/), expect.stringMatching(/^\+\s+partitions: 144$/)]);

    const [feedbackFile] = git('diff', '--name-only', `main...refs/heads/${opened.feedback!.branch}`).trim().split('\n');
    expect(feedbackFile).toMatch(/^content\/feedback\/\d{4}-W\d{2}\/[a-f0-9]{16}\.yaml$/);
    expect(FeedbackEntrySchema.parse(parse(fileOn(opened.feedback!.branch, feedbackFile!)))).toMatchObject({ rating: 4, category: 'docs' });
  });

  it('proposes files the site build accepts', async () => {
    const site = await copySite();
    try {
      for (const { branch } of [opened.onboarding!, opened.capacity!]) {
        for (const file of git('diff', '--name-only', `main...refs/heads/${branch}`).trim().split('\n')) await site.write(file, fileOn(branch, file));
      }
      const { code, output } = await site.run(['build']);
      expect(code, output.slice(-2000)).toBe(0);
    } finally {
      await site.dispose();
    }
  }, 120_000);
});

describe('idempotency', () => {
  it('gives exactly one pull request for 20 identical submissions with one key, 10 of them at once', async () => {
    const before = (await stack.openPulls()).length;
    const body = { tenant: 'search-ranking', service: 'clickhouse', unit: 'storage_gb', value: 1750, justification: 'Index of the new catalogue doubles the stored documents.', needed_by: '2027-01-31' };
    const headers = { 'idempotency-key': 'same-submission-0001' };
    const concurrent = await Promise.all(Array.from({ length: 10 }, () => stack.post('capacity', body, headers)));
    const sequential = [];
    for (let i = 0; i < 10; i++) sequential.push(await stack.post('capacity', body, headers));
    const all = [...concurrent, ...sequential];
    expect(all.map((r) => r.status).filter((s) => s !== 200 && s !== 201), JSON.stringify(all.map((r) => r.body))).toEqual([]);
    expect(all.filter((r) => r.status === 201)).toHaveLength(1);
    expect(new Set(all.map((r) => r.body.pullRequest.number)).size).toBe(1);
    expect((await stack.openPulls()).length).toBe(before + 1);
  }, 120_000);

  it('completes a submission whose pull request failed after the branch was made, on retry, with one pull request', async () => {
    const before = (await stack.openPulls()).length;
    await stack.fault({ route: 'create-pull', kind: '500', times: 3 });
    const body = { tenant: 'ml-features', service: 'object-storage', unit: 'buckets', value: 18, justification: 'Each model family gets its own bucket for lifecycle rules.', needed_by: '2027-02-01' };
    const first = await stack.post('capacity', body, { 'idempotency-key': 'half-made-0001' });
    expect(first.status).toBe(502);
    expect(first.body).toMatchObject({ retryable: true, status: 502 });
    expect(first.headers.get('content-type')).toBe('application/problem+json');
    const retry = await stack.post('capacity', body, { 'idempotency-key': 'half-made-0001' });
    expect(retry.status, JSON.stringify(retry.body)).toBe(201);
    expect((await stack.openPulls()).length).toBe(before + 1);
  });

  it('refuses a different submission asking for the same thing while its pull request is open, linking it', async () => {
    const { example } = await schemaOf('onboarding');
    const again = await stack.post('onboarding', example, { 'idempotency-key': 'other-person-0001' });
    expect(again.status).toBe(409);
    expect(again.body.pullRequest).toMatchObject({ number: expect.any(Number), url: expect.stringContaining('/pull') });
  });
});

describe('GitHub faults', () => {
  it('rides out a secondary rate limit with retry-after and a 502', async () => {
    await stack.fault({ route: 'create-ref', kind: 'secondary-rate-limit', times: 1, retryAfter: 1 });
    await stack.fault({ route: 'put-contents', kind: '502', times: 1 });
    const response = await stack.post('feedback', { area: 'kafka', rating: 2, category: 'service', message: 'Rebalances take minutes.' });
    expect(response.status, JSON.stringify(response.body)).toBeLessThan(300);
  });

  it('answers 502 with retryable once GitHub keeps failing, and the retry completes the request', async () => {
    await stack.fault({ route: '*', kind: '502', times: 20 });
    const body = { page: '/runbooks/kafka-consumer-lag/', rating: 5, category: 'docs', message: 'Saved us at 3am.' };
    const failed = await stack.post('feedback', body, { 'idempotency-key': 'keeps-failing-0001' });
    expect(failed.status).toBe(502);
    expect(failed.body.retryable).toBe(true);
    await stack.clearFaults();
    const retried = await stack.post('feedback', body, { 'idempotency-key': 'keeps-failing-0001' });
    expect(retried.status, JSON.stringify(retried.body)).toBeLessThan(300);
  });
});

describe('a body its schema refuses', () => {
  it('is a 422 whose errors say, in a sentence for each field, what to do', async () => {
    const response = await stack.post('feedback', {});
    expect(response.status).toBe(422);
    expect(response.body.errors).toEqual([
      { path: 'rating', message: 'Give the rating: 1 (very poor) to 5 (very good).' },
      { path: 'category', message: 'Choose the category: docs, service, portal, process or other.' },
    ]);
    const wrong = await stack.post('onboarding', { name: 7, slug: 'Not A Slug', owners: 'octocat', contact: 'nobody', extra: true });
    expect(wrong.status).toBe(422);
    for (const error of wrong.body.errors) expect(error.message, JSON.stringify(error)).toMatch(/^[A-Z"].*\.$/);
    for (const error of wrong.body.errors) expect(error.message, JSON.stringify(error)).not.toMatch(ZOD_WORDING);
  });
});

describe('refusals that need the repository', () => {
  it('onboarding an existing tenant is a 409 pointing to the capacity form', async () => {
    const { example } = await schemaOf('onboarding');
    const response = await stack.post('onboarding', { ...example, slug: 'checkout' });
    expect(response.status).toBe(409);
    expect(response.body.detail).toMatch(/capacity/);
    expect(response.body.errors).toEqual([{ path: 'slug', message: expect.stringContaining('content/tenants/checkout.yaml already exists') }]);
  });

  it('capacity: unknown tenant 404, unknown unit 422, over the maximum 422, no change 422', async () => {
    const base = { tenant: 'checkout', service: 'kafka', unit: 'partitions', value: 100, justification: 'A reason that is long enough to read.', needed_by: '2027-01-01' };
    expect((await stack.post('capacity', { ...base, tenant: 'nobody-here' })).status).toBe(404);
    const unknownUnit = await stack.post('capacity', { ...base, unit: 'bananas' });
    expect(unknownUnit.status).toBe(422);
    expect(unknownUnit.body.errors[0].path).toBe('unit');
    const tooMuch = await stack.post('capacity', { ...base, value: 10_000_000 });
    expect(tooMuch.status).toBe(422);
    expect(tooMuch.body.errors[0]).toMatchObject({ path: 'value', message: expect.stringContaining('above the maximum') });
    const same = await stack.post('capacity', { ...base, value: 96 });
    expect(same.status).toBe(422);
    expect(same.body.errors[0].message).toMatch(/already 96/);
  });

  it('capacity below the usage measured in content/usage/ is a 422 on the value; above it, the PR body carries the usage', async () => {
    const { tenant, series, inUse, asOf } = await measuredSeries(['checkout/kafka/partitions']);
    const base = { tenant, service: series.service, unit: series.unit, justification: 'A reason that is long enough to read.', needed_by: '2027-01-01' };
    const below = await stack.post('capacity', { ...base, value: Math.floor(inUse) - 1 });
    expect(below.status, JSON.stringify(below.body)).toBe(422);
    expect(below.body.errors).toEqual([{ path: 'value', message: expect.stringMatching(/is below the .* in use on \d{1,2} [A-Z][a-z]{2} \d{4}; ask for at least/) }]);
    const enough = await stack.post('capacity', { ...base, value: Math.ceil(inUse) + 1 }, { 'idempotency-key': 'capacity-usage-0001' });
    expect(enough.status, JSON.stringify(enough.body)).toBe(201);
    const { data: pr } = await stack.octokit.rest.pulls.get({ owner: OWNER, repo: REPO, pull_number: enough.body.pullRequest.number });
    expect(pr.body).toMatch(new RegExp(`\\| Usage \\| [0-9.,]+ \\S+ on ${formatIsoDay(asOf)}`));
    expect(pr.body).toMatch(/\| Runs out at the requested quota \| /);
  });
});

describe('GET /api/requests', () => {
  it("lists the requester's requests with their pull request state", async () => {
    const response = await fetch(`${stack.siteUrl}/api/requests`);
    expect(response.status).toBe(200);
    const { requests } = await response.json();
    expect(requests.length).toBeGreaterThanOrEqual(3);
    expect(requests.map((r: { type: string }) => r.type)).toEqual(expect.arrayContaining(['onboarding', 'capacity']));
    expect(requests.every((r: { state: string }) => r.state === 'open')).toBe(true);
  });
});

describe('the preview of a request, POST /api/requests/{type}/preview', () => {
  const capacity = { tenant: 'search-ranking', service: 'clickhouse', unit: 'storage_gb', value: 1750, justification: 'Index of the new catalogue doubles the stored documents.', needed_by: '2027-06-30' };

  it('answers the pull request the request would open, with its diff, and writes nothing', async () => {
    const branchesBefore = git('for-each-ref', '--format=%(refname)', 'refs/heads/');
    const pullsBefore = (await stack.openPulls()).length;
    const response = await stack.post('capacity/preview', capacity);
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    expect(response.body).toMatchObject({ title: expect.stringContaining('search-ranking'), branch: 'requests/capacity/search-ranking/clickhouse-storage-gb', labels: expect.arrayContaining(['portal-request']) });
    const [file] = response.body.files;
    expect(file).toMatchObject({ path: 'content/tenants/search-ranking.yaml', status: 'modified' });
    expect(file.diff.split('\n').filter((l: string) => /^\+\s+storage_gb/.test(l))).toEqual([expect.stringMatching(/^\+\s+storage_gb: 1750\b/)]);
    expect(response.body.body).toContain('<request-id>');
    expect(git('for-each-ref', '--format=%(refname)', 'refs/heads/')).toBe(branchesBefore);
    expect((await stack.openPulls()).length).toBe(pullsBefore);
  });

  it('answers a request its schema refuses with the same 422 as the real submission, naming the field', async () => {
    const response = await stack.post('capacity/preview', { ...capacity, value: -1 });
    expect(response.status).toBe(422);
    expect(response.body.errors.map((e: { path: string }) => e.path)).toContain('value');
  });

  it('names the types the portal takes for a type it does not', async () => {
    const response = await stack.post('nothing-such/preview', capacity);
    expect(response.status).toBe(404);
    expect(response.body.detail).toBe('There is no request type "nothing-such"; this portal takes onboarding, capacity, feedback.');
  });
});

describe("a request about a tenant asks the tenant's owners", () => {
  it('to review a capacity request: the local GitHub lists them as requested reviewers', async () => {
    const tenant = TenantSchema.parse(parse(git('show', 'main:content/tenants/fraud-detection.yaml')));
    const body = { tenant: 'fraud-detection', service: 'kafka', unit: 'storage_gb', value: 700, justification: 'Longer retention for replaying scoring events.', needed_by: '2027-06-30' };
    const response = await stack.post('capacity', body, { 'idempotency-key': 'owners-review-0001' });
    expect(response.status, JSON.stringify(response.body)).toBe(201);
    const { data: pr } = await stack.octokit.rest.pulls.get({ owner: OWNER, repo: REPO, pull_number: response.body.pullRequest.number });
    expect((pr.requested_reviewers ?? []).map((u) => u.login).sort()).toEqual([...tenant.owners].sort());
    // The dev stack's person is @tomasz-wrobel (content/people/), an owner: nothing to say.
    expect(pr.body).not.toContain('Not asked by an owner');
  });

  it('says at the top of the pull request when the requester is not among the owners', async () => {
    const body = { tenant: 'search-ranking', service: 'kafka', unit: 'partitions', value: 64, justification: 'More consumers of the ranking events this quarter.', needed_by: '2027-06-30' };
    const response = await stack.post('capacity', body, { 'idempotency-key': 'owners-review-0002' });
    expect(response.status, JSON.stringify(response.body)).toBe(201);
    const { data: pr } = await stack.octokit.rest.pulls.get({ owner: OWNER, repo: REPO, pull_number: response.body.pullRequest.number });
    expect(pr.body!.split('\n').slice(0, 2)).toEqual([
      '> [!IMPORTANT]',
      expect.stringMatching(/^> \*\*Not asked by an owner\.\*\* .*`developer@example\.com`\), `@tomasz-wrobel` on GitHub, is not among the owners \(`@lea-marchetti`, `@daniel-osei`\)\./),
    ]);
  });
});

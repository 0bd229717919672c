/**
 * Labels, through the issues API as on GitHub (every pull request is an issue):
 * https://docs.github.com/rest/issues/labels. Unknown labels are created on first use with
 * GitHub's default colour for that case, "ededed".
 */
import { z } from 'zod';
import { repoUrl, timestamp, type App } from '../app.ts';
import { parseBody } from '../body.ts';
import { problems } from '../errors.ts';
import { paginate, type Route } from '../router.ts';
import { issueJson, labelsJson } from '../shapes/pull.ts';
import { labelJson } from '../shapes/repository.ts';
import { takeId, type LabelRecord, type PullRecord, type StoreState } from '../store.ts';
import { findPull } from './pulls.ts';

const DOCS = 'https://docs.github.com/rest/issues';
const AUTO_COLOR = 'ededed';

const LabelNameSchema = z.string().trim().min(1).max(50).describe('Label name.');

const IssueLabelsSchema = z.object({
  labels: z
    .array(z.union([LabelNameSchema, z.object({ name: LabelNameSchema })]))
    .describe('Names, or objects with a name, of labels to add.'),
});

const CreateLabelSchema = z.object({
  name: LabelNameSchema,
  color: z.string().regex(/^#?[0-9a-fA-F]{6}$/).default(AUTO_COLOR).describe('Six hex digits.'),
  description: z.string().max(100).nullable().default(null).describe('Short description.'),
});

/** GitHub accepts `["a","b"]` as the whole body as well as `{ "labels": [...] }`. */
function labelNames(body: unknown): string[] {
  const input = parseBody(IssueLabelsSchema, Array.isArray(body) ? { labels: body } : body);
  return input.labels.map((label) => (typeof label === 'string' ? label : label.name));
}

/** The repository's label called `name` (ignoring case), created when missing. */
function ensureLabel(draft: StoreState, name: string): LabelRecord {
  const existing = draft.labels.find((label) => label.name.toLowerCase() === name.toLowerCase());
  if (existing) return existing;
  const label: LabelRecord = { id: takeId(draft), name, color: AUTO_COLOR, description: null };
  draft.labels.push(label);
  return label;
}

/** Applies `change` to the pull's label names in one store transaction, returns the new list. */
async function changeLabels(app: App, number: number, change: (draft: StoreState, current: string[]) => string[]): Promise<PullRecord> {
  return app.store.transact((draft) => {
    const pull = draft.pulls.find((candidate) => candidate.number === number);
    if (!pull) throw problems.notFound();
    pull.labels = change(draft, pull.labels);
    pull.updated_at = timestamp(app);
    return pull;
  });
}

function addNames(draft: StoreState, current: string[], names: string[]): string[] {
  const result = [...current];
  for (const name of names) {
    const label = ensureLabel(draft, name);
    if (!result.some((have) => have.toLowerCase() === label.name.toLowerCase())) result.push(label.name);
  }
  return result;
}

const ISSUE = '/repos/{owner}/{repo}/issues/{issue_number}';

export const issueRoutes: Route[] = [
  {
    name: 'get-issue',
    method: 'GET',
    template: ISSUE,
    docs: `${DOCS}/issues#get-an-issue`,
    async handle({ app, params }) {
      return { status: 200, body: issueJson(app, findPull(app, params.issue_number)) };
    },
  },
  {
    name: 'list-issue-labels',
    method: 'GET',
    template: `${ISSUE}/labels`,
    docs: `${DOCS}/labels#list-labels-for-an-issue`,
    async handle({ app, params }) {
      return { status: 200, body: labelsJson(app, findPull(app, params.issue_number)) };
    },
  },
  {
    name: 'add-labels',
    method: 'POST',
    template: `${ISSUE}/labels`,
    docs: `${DOCS}/labels#add-labels-to-an-issue`,
    async handle({ app, params, body }) {
      const { number } = findPull(app, params.issue_number);
      const names = labelNames(body);
      const pull = await changeLabels(app, number, (draft, current) => addNames(draft, current, names));
      return { status: 200, body: labelsJson(app, pull) };
    },
  },
  {
    name: 'set-labels',
    method: 'PUT',
    template: `${ISSUE}/labels`,
    docs: `${DOCS}/labels#set-labels-for-an-issue`,
    async handle({ app, params, body }) {
      const { number } = findPull(app, params.issue_number);
      const names = labelNames(body);
      const pull = await changeLabels(app, number, (draft) => addNames(draft, [], names));
      return { status: 200, body: labelsJson(app, pull) };
    },
  },
  {
    name: 'remove-label',
    method: 'DELETE',
    template: `${ISSUE}/labels/{name}`,
    docs: `${DOCS}/labels#remove-a-label-from-an-issue`,
    async handle({ app, params }) {
      const pull = findPull(app, params.issue_number);
      const name = (params.name ?? '').toLowerCase();
      if (!pull.labels.some((label) => label.toLowerCase() === name)) throw problems.labelNotOnIssue();
      const changed = await changeLabels(app, pull.number, (_draft, current) => current.filter((label) => label.toLowerCase() !== name));
      return { status: 200, body: labelsJson(app, changed) };
    },
  },
  {
    name: 'list-labels',
    method: 'GET',
    template: '/repos/{owner}/{repo}/labels',
    docs: `${DOCS}/labels#list-labels-for-a-repository`,
    async handle({ app, query }) {
      const labels = app.store.state.labels.map((label) => labelJson(app, label));
      const { page, headers } = paginate(labels, query, `${repoUrl(app)}/labels?${query}`);
      return { status: 200, body: page, headers };
    },
  },
  {
    name: 'create-label',
    method: 'POST',
    template: '/repos/{owner}/{repo}/labels',
    docs: `${DOCS}/labels#create-a-label`,
    async handle({ app, body }) {
      const input = parseBody(CreateLabelSchema, body);
      const label = await app.store.transact((draft) => {
        if (draft.labels.some((other) => other.name.toLowerCase() === input.name.toLowerCase())) {
          throw problems.validationFailed([{ resource: 'Label', code: 'already_exists', field: 'name' }]);
        }
        const record: LabelRecord = {
          id: takeId(draft),
          name: input.name,
          color: input.color.replace('#', '').toLowerCase(),
          description: input.description,
        };
        draft.labels.push(record);
        return record;
      });
      return { status: 201, body: labelJson(app, label) };
    },
  },
];

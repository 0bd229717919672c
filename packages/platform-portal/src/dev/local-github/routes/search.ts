/**
 * Issue and pull request search: https://docs.github.com/rest/search/search#search-issues-and-pull-requests
 * with the qualifiers the portal uses (https://docs.github.com/search-github/searching-on-github/searching-issues-and-pull-requests):
 * repo:, is:pr|issue|open|closed|merged|unmerged|draft, type:, state:, label: (a,b = either),
 * -label:, head:, base:, author:, in:title|body, and free words or "quoted phrases", all ANDed.
 */
import type { App } from '../app.ts';
import { problems } from '../errors.ts';
import { paginate, type Route } from '../router.ts';
import { issueJson } from '../shapes/pull.ts';
import type { PullRecord } from '../store.ts';

type Test = (pull: PullRecord) => boolean;

interface ParsedQuery {
  tests: Test[];
  terms: string[];
  fields: Array<'title' | 'body'>;
}

const TOKEN = /(-?)([a-z]+):(?:"([^"]*)"|(\S+))|"([^"]*)"|(\S+)/gi;

/** is:/type:/state: values; null for values GitHub has but that do not narrow anything here. */
function isQualifier(pull: PullRecord, value: string): boolean | null {
  switch (value) {
    case 'pr':
      return true;
    case 'issue':
      return false;
    case 'open':
    case 'closed':
      return pull.state === value;
    case 'merged':
      return pull.merged_at !== null;
    case 'unmerged':
      return pull.merged_at === null;
    case 'draft':
      return pull.draft;
    default:
      return null;
  }
}

/** Turns `q` into tests on pull records; throws GitHub's 422 for a repository that is not this one. */
export function parseSearch(app: App, q: string): ParsedQuery {
  const parsed: ParsedQuery = { tests: [], terms: [], fields: [] };
  for (const match of q.matchAll(TOKEN)) {
    const [, negated, rawKey, quoted, bare, phrase, word] = match;
    if (rawKey === undefined) {
      const term = (phrase ?? word ?? '').toLowerCase();
      if (term !== '' && term !== 'and') parsed.terms.push(term);
      continue;
    }
    const key = rawKey.toLowerCase();
    const value = quoted ?? bare ?? '';
    const lower = value.toLowerCase();
    const add = (test: Test) => parsed.tests.push(negated ? (pull) => !test(pull) : test);
    switch (key) {
      case 'repo':
        if (lower !== app.fullName.toLowerCase()) throw problems.searchRepositoryUnknown();
        break;
      case 'is':
      case 'type':
      case 'state':
        add((pull) => isQualifier(pull, lower) ?? true);
        break;
      case 'label': {
        const anyOf = lower.split(',');
        add((pull) => pull.labels.some((label) => anyOf.includes(label.toLowerCase())));
        break;
      }
      case 'head':
        add((pull) => pull.head === value);
        break;
      case 'base':
        add((pull) => pull.base === value);
        break;
      case 'author': {
        // GitHub spells app authors "app/<slug>"; their login is "<slug>[bot]".
        const login = lower.startsWith('app/') ? `${lower.slice(4)}[bot]` : lower;
        add((pull) => pull.user.toLowerCase() === login);
        break;
      }
      case 'in':
        for (const field of lower.split(',')) if (field === 'title' || field === 'body') parsed.fields.push(field);
        break;
      default:
        // Not a qualifier GitHub knows: GitHub searches it as text.
        parsed.terms.push(`${rawKey}:${value}`.toLowerCase());
    }
  }
  return parsed;
}

/** Whether a pull matches every qualifier and has every word/phrase in the searched fields. */
export function matchesSearch(parsed: ParsedQuery, pull: PullRecord): boolean {
  if (!parsed.tests.every((test) => test(pull))) return false;
  const fields = parsed.fields.length ? parsed.fields : (['title', 'body'] as const);
  const text = fields.map((field) => (field === 'title' ? pull.title : (pull.body ?? ''))).join('\n').toLowerCase();
  return parsed.terms.every((term) => text.includes(term));
}

export const searchRoutes: Route[] = [
  {
    name: 'search-issues',
    method: 'GET',
    template: '/search/issues',
    docs: 'https://docs.github.com/rest/search/search#search-issues-and-pull-requests',
    async handle({ app, query }) {
      const q = query.get('q');
      if (!q || q.trim() === '') throw problems.searchQueryMissing();
      const parsed = parseSearch(app, q);
      const sort = query.get('sort') === 'updated' ? 'updated_at' : 'created_at';
      const ascending = query.get('order') === 'asc';
      const found = app.store.state.pulls
        .filter((pull) => matchesSearch(parsed, pull))
        .sort((a, b) => {
          const order = a[sort] === b[sort] ? a.number - b.number : a[sort] < b[sort] ? -1 : 1;
          return ascending ? order : -order;
        });
      const { page, headers } = paginate(found, query, `${app.apiUrl}/search/issues?${query}`);
      const body = {
        total_count: found.length,
        incomplete_results: false,
        search_type: 'lexical',
        items: page.map((pull) => issueJson(app, pull)),
      };
      return { status: 200, body, headers };
    },
  },
];

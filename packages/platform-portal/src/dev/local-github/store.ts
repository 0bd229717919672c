/**
 * Pull request metadata (numbers, titles, labels, reviews, state) and commit statuses, kept in
 * one JSON file next to the bare repository. Git holds the code; this file holds what GitHub
 * keeps in its database. Writes are serialized in this process and land with write-to-temp +
 * rename, so a crash never leaves a half-written file.
 */
import { randomUUID } from 'node:crypto';
import { readFile, rename, writeFile } from 'node:fs/promises';
import { z } from 'zod';

export const ReviewRecordSchema = z.object({
  id: z.number().int().describe('Review id, unique in this store.'),
  user: z.string().describe('Login of the reviewer.'),
  body: z.string().describe('Review text; may be empty.'),
  state: z.enum(['APPROVED', 'CHANGES_REQUESTED', 'COMMENTED', 'PENDING', 'DISMISSED']).describe('GitHub review state.'),
  commit_id: z.string().describe('Head commit the review was made on.'),
  submitted_at: z.string().nullable().describe('ISO time the review was submitted; null while pending.'),
});

export const PullRecordSchema = z.object({
  id: z.number().int().describe('Database id, unique across pulls, labels, reviews and statuses.'),
  number: z.number().int().positive().describe('Pull request number, as GitHub numbers issues and pulls.'),
  title: z.string().describe('Title.'),
  body: z.string().nullable().describe('Markdown body; hostile input, escaped when shown.'),
  head: z.string().describe('Head branch name, without refs/heads/.'),
  base: z.string().describe('Base branch name, without refs/heads/.'),
  state: z.enum(['open', 'closed']).describe('open or closed (merged pulls are closed).'),
  draft: z.boolean().describe('Opened as a draft.'),
  user: z.string().describe('Login of the author.'),
  created_at: z.string().describe('ISO creation time.'),
  updated_at: z.string().describe('ISO time of the last change.'),
  closed_at: z.string().nullable().describe('ISO time it was closed, or null.'),
  merged_at: z.string().nullable().describe('ISO time it was merged, or null.'),
  merge_commit_sha: z.string().nullable().describe('Merge commit on the base branch, or null.'),
  merged_by: z.string().nullable().describe('Login that merged it, or null.'),
  head_sha: z.string().describe('Last known head commit (refs/pull/N/head).'),
  base_sha: z.string().describe('Merge base recorded when the pull was opened or closed, for diffs of closed pulls.'),
  labels: z.array(z.string()).describe('Label names, in the order they were added.'),
  requested_reviewers: z.array(z.string()).describe('Logins asked to review.'),
  requested_teams: z.array(z.string()).describe('Team slugs asked to review.'),
  reviews: z.array(ReviewRecordSchema).describe('Submitted reviews, oldest first.'),
});

export const LabelRecordSchema = z.object({
  id: z.number().int().describe('Database id.'),
  name: z.string().describe('Label name, unique ignoring case.'),
  color: z.string().regex(/^[0-9a-f]{6}$/i).describe('Six hex digits, no #.'),
  description: z.string().nullable().describe('Optional description.'),
});

export const StatusRecordSchema = z.object({
  id: z.number().int().describe('Database id.'),
  sha: z.string().describe('Commit the status is about.'),
  state: z.enum(['error', 'failure', 'pending', 'success']).describe('Commit status state.'),
  context: z.string().describe('Status context, "default" when not given.'),
  description: z.string().nullable().describe('Short description.'),
  target_url: z.string().nullable().describe('Link to details.'),
  creator: z.string().describe('Login that set it.'),
  created_at: z.string().describe('ISO time it was set.'),
});

export const StoreStateSchema = z.object({
  version: z.literal(1).describe('File format version.'),
  nextNumber: z.number().int().positive().describe('Number the next pull request gets.'),
  nextId: z.number().int().positive().describe('Next database id.'),
  pulls: z.array(PullRecordSchema).describe('All pull requests, by number.'),
  labels: z.array(LabelRecordSchema).describe('Repository labels.'),
  statuses: z.array(StatusRecordSchema).describe('Commit statuses, oldest first.'),
});

export type ReviewRecord = z.output<typeof ReviewRecordSchema>;
export type PullRecord = z.output<typeof PullRecordSchema>;
export type LabelRecord = z.output<typeof LabelRecordSchema>;
export type StatusRecord = z.output<typeof StatusRecordSchema>;
export type StoreState = z.output<typeof StoreStateSchema>;

export function emptyState(): StoreState {
  return { version: 1, nextNumber: 1, nextId: 1, pulls: [], labels: [], statuses: [] };
}

export class Store {
  readonly file: string;
  #state: StoreState;
  #queue: Promise<unknown> = Promise.resolve();

  private constructor(file: string, state: StoreState) {
    this.file = file;
    this.#state = state;
  }

  /** Loads the file, or starts empty when it does not exist; a corrupt file is an error, not a reset. */
  static async open(file: string): Promise<Store> {
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return new Store(file, emptyState());
      throw error;
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    const parsed = StoreStateSchema.safeParse(json);
    if (!parsed.success) {
      throw new Error(`${file} is not a local GitHub state file; start with --reset to recreate it.`);
    }
    return new Store(file, parsed.data);
  }

  /** The current state; treat as read-only (change it through `transact`). */
  get state(): Readonly<StoreState> {
    return this.#state;
  }

  pull(number: number): PullRecord | undefined {
    return this.#state.pulls.find((pull) => pull.number === number);
  }

  /**
   * Runs `change` on a copy of the state, one at a time, then persists and publishes the copy.
   * When `change` throws, nothing is written and the state stays as it was.
   */
  transact<T>(change: (draft: StoreState) => Promise<T> | T): Promise<T> {
    const run = async () => {
      const draft = structuredClone(this.#state);
      const result = await change(draft);
      const temp = `${this.file}.${randomUUID()}.tmp`;
      await writeFile(temp, `${JSON.stringify(draft, null, 2)}\n`);
      await rename(temp, this.file);
      this.#state = draft;
      return result;
    };
    const next = this.#queue.then(run, run);
    this.#queue = next.catch(() => undefined);
    return next;
  }
}

/** Takes the next database id from a draft. */
export function takeId(draft: StoreState): number {
  const id = draft.nextId;
  draft.nextId += 1;
  return id;
}

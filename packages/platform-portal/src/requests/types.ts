import type { z } from 'zod';
import type { Service } from '../schemas/service.ts';
import type { Problem } from '../lib/problems.ts';
import type { InsightsConfig } from '../lib/usage-forecast.ts';

/** Who asked, as the edge authenticated them. */
export interface Requester {
  email: string;
  name?: string | undefined;
}

/** Everything a builder needs that is not the request: no clock, ids or I/O inside a builder. */
export interface BuildContext {
  /** Stable id of this submission (from the Idempotency-Key or the request's content). */
  requestId: string;
  /** Hash of the requester's identity, for the marker. */
  requesterHash: string;
  requester: Requester;
  now: Date;
  /** The service catalog as deployed. */
  catalog: ReadonlyMap<string, Service>;
  config: {
    branchPrefix: string;
    labels: readonly string[];
    feedbackPeriod: 'week' | 'month';
    /** How usage is read against quota (trend window, horizon), for the capacity evidence. */
    insights: InsightsConfig;
  };
}

export interface FileChange {
  path: string;
  /** Full new content of the file. */
  content: string;
  /** The blob this change replaces, when it edits an existing file. */
  previousSha?: string | undefined;
}

/** How the pull request for a request accumulates submissions. */
export type PullRequestMode =
  /** One pull request per request; a different request for the same branch is a conflict. */
  | 'single'
  /** Many submissions add files to one open pull request (e.g. a week's feedback). */
  | 'rolling'
  /** One standing pull request whose files each run overwrites (e.g. the usage export). */
  | 'refresh';

/** A file of an open pull request, as the plumbing reads it back from GitHub. */
export interface PullRequestFile {
  path: string;
  content: string;
}

/** What a summary was built from: all of a pull request's files, or the first `limit` GitHub listed. */
export type FileListing = { complete: true } | { complete: false; limit: number };

export interface Change {
  branch: string;
  title: string;
  body: string;
  labels: string[];
  files: FileChange[];
  commitMessage: string;
  mode: PullRequestMode;
  /**
   * Rolling pull requests: the body rebuilt from the files the pull request holds, after each
   * submission. Pure; `currentBody` is the body as it is now, so its marker can be kept.
   */
  summarize?: ((files: PullRequestFile[], currentBody: string | null, listing: FileListing) => string) | undefined;
}

/** A file as read from the base branch: its text and blob sha, or undefined when it is missing. */
export type RepoFile = { content: string; sha: string } | undefined;

/** A request that is valid in itself but cannot be done with the repository as it is. */
export class RequestRefused extends Error {
  readonly kind: 'not-found' | 'conflict' | 'unprocessable';
  readonly problems: Problem[];
  constructor(kind: RequestRefused['kind'], message: string, problems: Problem[] = []) {
    super(message);
    this.name = 'RequestRefused';
    this.kind = kind;
    this.problems = problems;
  }
}

export interface RequestType<S extends z.ZodType = z.ZodType> {
  type: string;
  title: string;
  description: string;
  schema: S;
  /** A valid request, served with the JSON Schema and posted by the tests. */
  example: z.input<S>;
  /** Files of the base branch the builder reads, for this request. */
  reads(request: z.output<S>): string[];
  /** Pure: the pull request that carries this request. Throws RequestRefused. */
  build(request: z.output<S>, files: ReadonlyMap<string, RepoFile>, context: BuildContext): Change;
}

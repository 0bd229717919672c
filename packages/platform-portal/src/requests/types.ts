import type { z } from 'zod';
import type { Service } from '../schemas/service.ts';
import type { Problem } from '../lib/problems.ts';
import type { InsightsConfig } from '../lib/usage-forecast.ts';

/** Who asked, as the edge authenticated them. */
export interface Requester {
  email: string;
  name?: string | undefined;
  /** Their GitHub login, when the site's directory of people (content/people/) has their email. */
  github?: string | undefined;
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
    /** The repository's CODEOWNERS carries the block of tenants' owners (`requests.codeowners`). */
    codeowners: boolean;
    /** How usage is read against quota (trend window, horizon), for the capacity evidence. */
    insights: InsightsConfig;
    /** GitHub logins who may approve an exemption from a campaign (`campaigns.approvers`). */
    campaignApprovers: readonly string[];
    /** The site's public URL (portal config `site`), for links to its pages in a pull request's body; requestConfig gives it, and a body without it links none. */
    site?: string | undefined;
  };
}

/** A file a change writes (adds or edits) or deletes. Builders make them: src/changes/. */
export type FileChange = FileContent | FileDeletion;

export interface FileContent {
  path: string;
  /** Full new content of the file. */
  content: string;
  /** The blob this change replaces, when it edits an existing file. */
  previousSha?: string | undefined;
}

/** Deletes the file: `content` is null, `previousSha` the blob it removes (GitHub's delete needs it). */
export interface FileDeletion {
  path: string;
  content: null;
  previousSha: string;
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

/** Files of a rolling pull request for its summary to count, as of the commit `head` of its branch. */
export interface SummaryUpdate {
  /** The branch's commit the files were read at: the new body counts its whole history. */
  head: string;
  /**
   * Without `rebuild`: the files added since the commit the body counted up to. With it: all the
   * pull request's files, as listed (`rebuild` says whether GitHub listed them all).
   */
  files: PullRequestFile[];
  rebuild?: FileListing | undefined;
}

/**
 * The body of a rolling pull request, kept up to date one submission at a time: the body records
 * the commit of the branch it has counted up to, so that a submission reads only the files added
 * since (github/pull-summary.ts), however many the pull request holds. Pure.
 */
export interface RollingSummary {
  /** Whether the summary counts this file of the pull request. */
  reads(path: string): boolean;
  /** The commit whose history `body` has counted; undefined when the body must be rebuilt from all the files. */
  countedUpTo(body: string | null): string | undefined;
  /** The body with the update counted; undefined when `body` cannot take it (it must be rebuilt). */
  next(body: string | null, update: SummaryUpdate): string | undefined;
}

export interface Change {
  branch: string;
  title: string;
  body: string;
  labels: string[];
  files: FileChange[];
  commitMessage: string;
  mode: PullRequestMode;
  /**
   * The owners of what this changes, asked to review it besides `requests.reviewers`: e.g. the
   * owners of the tenant it changes (`tenantReviewers`). Logins without the @; teams as
   * `org/team`'s team slug. A request by someone who is not among the users says so at the top of
   * its pull request.
   */
  reviewers?: { users: string[]; teams: string[] } | undefined;
  /**
   * The owners of what this changes, when they are not the reviewers (an exemption is reviewed by
   * the platform team, the tenant is its owners'): the requester is checked against these.
   */
  owners?: string[] | undefined;
  /** Rolling pull requests: how the body counts the files that submissions add. */
  summary?: RollingSummary | undefined;
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
  /** One line for the people who ask, on the home page's card; the description when absent. */
  summary?: string | undefined;
  schema: S;
  /** A valid request, served with the JSON Schema and posted by the tests. */
  example: z.input<S>;
  /** Files of the base branch the builder reads, for this request. */
  reads(request: z.output<S>): string[];
  /** Pure: the pull request that carries this request. Throws RequestRefused. */
  build(request: z.output<S>, files: ReadonlyMap<string, RepoFile>, context: BuildContext): Change;
}

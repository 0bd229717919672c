/** A tenant file with comments, flow and block collections, and helpers to assert changes of it byte for byte. */
import { expect } from 'vitest';
import type { FileState } from '../../packages/platform-portal/src/changes/index.ts';
import { RequestRefused } from '../../packages/platform-portal/src/requests/types.ts';

export const TENANT = `# Tenant file for Checkout.
# Quota changes come in through the capacity form.

name: Checkout
slug: checkout
description: >-
  Cart, checkout and order placement for the web shop and mobile apps.
owners:
  # the on-call rota, in order
  - "@amira-haddad"
  - '@jonas-vogel'   # until March
  - "@priya-raman"
contact: checkout-team@example.com
cost_centre: CC-1042
status: active
onboarded: 2025-02-17
environments: [dev, staging, prod]
data_classification: confidential

services:
  postgresql:
    storage_gb: 400     # raised for Black Friday, PR #123
    connections: 600    # app pods scale to 60 replicas x 10 pooled connections
  kafka:
    partitions: 96
    topics:
      - name: orders
        partitions: 48   # keyed by order id
      # payments moved to the ledger tenant
      - name: carts
        partitions: 12
  object-storage: {storage_gb: 500, buckets: 6}
# end of file
`;

export const PATH = 'content/tenants/checkout.yaml';
export const tenant = (content = TENANT): FileState => ({ path: PATH, content, previousSha: 'base-sha' });

/** The text with `from` (found exactly once) replaced by `to`: the whole expected file, byte for byte. */
export function edited(text: string, from: string, to: string): string {
  expect(text.split(from).length, `"${from}" occurs once`).toBe(2);
  return text.replace(from, () => to);
}

/** What a builder threw. */
export function thrown(run: () => unknown): Error {
  try {
    run();
  } catch (error) {
    return error as Error;
  }
  throw new Error('did not throw');
}

/** What a builder refused: its kind, its message and the problems it names. */
export function refusal(run: () => unknown): Pick<RequestRefused, 'kind' | 'message' | 'problems'> {
  const error = thrown(run);
  if (!(error instanceof RequestRefused)) throw error;
  return { kind: error.kind, message: error.message, problems: error.problems };
}

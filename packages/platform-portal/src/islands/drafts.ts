/**
 * Drafts in localStorage, one per form, kept until the request succeeds: a reload or a failed
 * submission loses nothing. Storage can be missing or full (private windows, quotas); the form
 * then works without drafts.
 */

export interface PendingSubmission {
  /** The Idempotency-Key of the submission, reused by every retry of the same body. */
  key: string;
  /** The JSON body it was sent with; a different body is a new submission with a new key. */
  body: string;
}

export interface Draft<V> {
  version: 1;
  values: V;
  pending?: PendingSubmission | undefined;
}

const storageKey = (form: string) => `platform-portal:draft:${form}`;

export function loadDraft<V>(form: string): Draft<V> | undefined {
  try {
    const text = localStorage.getItem(storageKey(form));
    if (!text) return undefined;
    const draft = JSON.parse(text) as Draft<V>;
    return draft?.version === 1 && draft.values && typeof draft.values === 'object' ? draft : undefined;
  } catch {
    return undefined;
  }
}

export function saveDraft<V>(form: string, draft: Draft<V>): void {
  try {
    localStorage.setItem(storageKey(form), JSON.stringify(draft));
  } catch {
    // No storage: the form still works, only without a draft.
  }
}

export function clearDraft(form: string): void {
  try {
    localStorage.removeItem(storageKey(form));
  } catch {
    // Nothing stored.
  }
}

/**
 * The life of one request form: values and their draft, validation with the request type's own
 * schema, errors placed on fields (from zod, from the catalog, from the preview's build and from
 * the server's 422), the preview, and a submission that cannot happen twice. A form made from a
 * type's JSON Schema (SchemaForm) carries no zod and no builder: it checks with a function of its
 * own and asks the server for the preview. The engine's own forms check with the type's zod
 * schema, loaded when the person first moves into the form: zod (~30 KB gzip) is not part of the
 * page's first load, and nothing is shown of the check before a field is left or the preview asked.
 */
import { useEffect, useMemo, useRef, useState, type FocusEvent } from 'react';
import type { Problem } from '../lib/problems.ts';
import type { PreviewResult } from '../lib/preview.ts';
import { clearDraft, loadDraft, saveDraft, type PendingSubmission } from './drafts.ts';
import { errorId, fieldId, fieldOf, focusField, helpId, parsePath, partId, valueAt } from './field-paths.ts';
import { postRequest, submissionFor, type OpenedRequest, type SubmitOutcome } from './submit-request.ts';
import type { ServerPreview } from './server-preview.ts';

export type Submission =
  | { state: 'idle' }
  | { state: 'sending' }
  | { state: 'opened'; request: OpenedRequest }
  | Exclude<SubmitOutcome, { kind: 'opened' | 'invalid' }> & { state: 'stopped' };

export type PreviewBuilder = (request: unknown) => PreviewResult;


/** How the preview is made: the type's builder loaded into the page, or the server's preview endpoint. */
type Previewing = { loadPreview(): Promise<PreviewBuilder>; fetchPreview?: never } | { loadPreview?: never; fetchPreview(body: string): Promise<ServerPreview> };

/** Checks a request as it will be sent. */
export type Check = (request: unknown) => Checked;

/**
 * How a request is checked: with the checks of a form made from a JSON Schema, which carries no zod
 * (`check`), or with the type's zod schema (`loadCheck`, see zod-check.ts), loaded when the person
 * first focuses a control of the form or asks for the preview.
 */
type Checking = { check: Check; loadCheck?: never } | { check?: never; loadCheck(): Promise<Check> };

export type RequestFormOptions<V> = FormOptions<V> & Previewing & Checking;

interface FormOptions<V> {
  /** The request type's name: the API path, the draft's key and the prefix of field ids. */
  form: string;
  initial: V;
  toRequest(values: V): unknown;
  /** Paths of the fields shown for these values, in page order. */
  fields(values: V): string[];
  /** Checks the schema cannot make alone, such as the catalog's maximums. */
  extraProblems?(values: V): Problem[];
  /** Adjusts the restored draft, e.g. to a selection in the query string. */
  restore?(draft: V | undefined, initial: V): V;
}

/** A request the form may send, as the type's builder takes it; or what is wrong with it, by field. */
export type Checked = { success: true; data: unknown } | { success: false; problems: Problem[] };

/** A preview the server made, for the body it was asked about. */
interface MadePreview {
  body: string;
  result: PreviewResult;
}

export interface ErrorItem {
  path: string;
  label: string;
  message: string;
}

interface ServerProblem extends Problem {
  /** The value the server judged; the error goes away once the person changes it. */
  judged: string;
}

const snapshot = (request: unknown, path: string) => JSON.stringify(valueAt(request, parsePath(path)) ?? null);

export function useRequestForm<V>(options: RequestFormOptions<V>) {
  const { form } = options;
  const optionsRef = useRef(options);
  optionsRef.current = options;
  const [initial] = useState(options.initial);
  // What the page starts from: the defaults, or what a link's query string selected. A draft is
  // whatever differs from it.
  const [baseline, setBaseline] = useState<V>(initial);
  const [values, setValues] = useState<V>(initial);
  const [hydrated, setHydrated] = useState(false);
  const [pending, setPending] = useState<PendingSubmission | undefined>();
  const [touched, setTouched] = useState<ReadonlySet<string>>(new Set());
  const [submitted, setSubmitted] = useState(false);
  const [serverProblems, setServerProblems] = useState<ServerProblem[]>([]);
  const [stage, setStage] = useState<'edit' | 'checking' | 'preview'>('edit');
  const [builder, setBuilder] = useState<PreviewBuilder | undefined>();
  const [made, setMade] = useState<MadePreview | undefined>();
  const [previewFailure, setPreviewFailure] = useState<{ title: string; detail: string } | undefined>();
  const [submission, setSubmission] = useState<Submission>({ state: 'idle' });
  const [announcement, setAnnouncement] = useState('');
  const [focusTarget, setFocusTarget] = useState<{ to: 'first-error' | 'preview' | 'status'; n: number }>();
  const [loadedCheck, setLoadedCheck] = useState<Check | undefined>();
  const loadingCheck = useRef<Promise<Check> | undefined>(undefined);
  const sending = useRef(false);
  const asking = useRef(false);
  const labels = useRef(new Map<string, string>());

  // Drafts and query strings exist only in the browser: read them after hydration, so the first
  // render matches the server's HTML.
  useEffect(() => {
    const draft = loadDraft<V>(form);
    const restore = optionsRef.current.restore;
    const restored = restore ? restore(draft?.values, initial) : draft?.values;
    if (restored) {
      setValues({ ...initial, ...restored });
      if (!draft) setBaseline({ ...initial, ...restored });
    }
    setPending(draft?.pending);
    setHydrated(true);
  }, [form, initial]);

  const hasDraft = useMemo(() => JSON.stringify(values) !== JSON.stringify(baseline), [values, baseline]);
  useEffect(() => {
    if (!hydrated || submission.state === 'opened') return;
    if (hasDraft || pending) saveDraft(form, { version: 1, values, pending });
    else clearDraft(form);
  }, [hydrated, form, values, pending, hasDraft, submission.state]);

  const request = useMemo(() => optionsRef.current.toRequest(values), [values]);
  const body = useMemo(() => JSON.stringify(request), [request]);
  // Undefined while the type's check is loading: nothing is judged yet.
  const parsed = useMemo(() => (optionsRef.current.check ?? loadedCheck)?.(request), [loadedCheck, request]);
  const fields = options.fields(values);
  const clientProblems = useMemo(
    (): Problem[] => [...(parsed && !parsed.success ? parsed.problems : []), ...(optionsRef.current.extraProblems?.(values) ?? [])],
    [parsed, values],
  );

  /** The check, loading it once; undefined when it could not be loaded (a later call tries again). */
  async function ensureCheck(): Promise<Check | undefined> {
    const { check: given, loadCheck } = optionsRef.current;
    if (given) return given;
    loadingCheck.current ??= loadCheck!().then((loaded) => {
      setLoadedCheck(() => loaded);
      return loaded;
    });
    try {
      return await loadingCheck.current;
    } catch {
      loadingCheck.current = undefined;
      return undefined;
    }
  }

  // The builder's preview follows every edit; the server's is of the body it was asked about, and
  // goes stale (to be updated with the button) once the person changes the request.
  const preview = useMemo(() => {
    if (stage !== 'preview' || !parsed?.success) return undefined;
    if (builder) return builder(parsed.data);
    return made?.body === body ? made.result : undefined;
  }, [stage, builder, parsed, made, body]);
  const stale = stage === 'preview' && !!parsed?.success && !builder && made !== undefined && made.body !== body;
  const refused = preview && !preview.ok ? preview.refused.problems : [];
  const liveServer = serverProblems.filter((p) => snapshot(request, p.path) === p.judged);

  // One message per field: the server's and the build's word first, then the schema's.
  const errors = new Map<string, string>();
  const place = (problems: Problem[], always: boolean) => {
    for (const p of problems) {
      const field = fieldOf(p.path, fields);
      if (!errors.has(field) && (always || submitted || touched.has(field))) errors.set(field, p.message);
    }
  };
  place(liveServer, true);
  place(refused, true);
  place(clientProblems, false);
  const order = (path: string) => (path === '' ? -1 : fields.indexOf(path));
  const summary: ErrorItem[] = [...errors]
    .sort(([a], [b]) => order(a) - order(b))
    .map(([path, message]) => ({ path, message, label: labels.current.get(path) ?? 'The request' }));

  useEffect(() => {
    if (!focusTarget) return;
    if (focusTarget.to === 'first-error' && summary[0]) {
      if (summary[0].path) focusField(form, summary[0].path);
      setAnnouncement(`${summary.length} field${summary.length === 1 ? ' needs' : 's need'} a change: ${summary.map((e) => e.label).join(', ')}.`);
    } else if (focusTarget.to === 'preview' || focusTarget.to === 'status') {
      const target = document.getElementById(partId(form, focusTarget.to));
      target?.focus();
      target?.scrollIntoView?.({ block: 'start' });
    }
    // Runs once per request to move focus, with the errors of the render that asked for it.
  }, [focusTarget]);

  const focus = (to: 'first-error' | 'preview' | 'status') => setFocusTarget((f) => ({ to, n: (f?.n ?? 0) + 1 }));

  function touch(path: string) {
    setTouched((t) => (t.has(path) ? t : new Set(t).add(path)));
  }

  /** Props that tie a control to its label, help and error. */
  function bind(path: string, label: string, extra: { help?: boolean } = {}) {
    labels.current.set(path, label);
    const error = errors.get(path);
    const describedBy = [extra.help && helpId(form, path), error && errorId(form, path)].filter(Boolean).join(' ');
    return {
      id: fieldId(form, path),
      'aria-invalid': error ? (true as const) : undefined,
      'aria-describedby': describedBy || undefined,
      onBlur: (event: FocusEvent) => {
        // Leaving a group for another control of the same group is not leaving it. The group is the
        // field's own fieldset (Field.tsx's Group has the field's id), not the frame around the form.
        const group = event.currentTarget.closest(`fieldset[id="${fieldId(form, path)}"]`);
        if (group && event.relatedTarget instanceof Node && group.contains(event.relatedTarget)) return;
        touch(path);
        const message = errorsFor(path);
        if (message) setAnnouncement(`${label}: ${message}`);
      },
    };
  }

  /** What the field will show once touched: announced on leaving it. */
  function errorsFor(path: string): string | undefined {
    return errors.get(path) ?? clientProblems.find((p) => fieldOf(p.path, fields) === path)?.message;
  }

  async function review() {
    setSubmitted(true);
    const checker = await ensureCheck();
    if (!checker) {
      setAnnouncement('The form could not be checked. Check your connection and try again.');
      return;
    }
    const checked = checker(request);
    const unchanged = serverProblems.filter((p) => snapshot(request, p.path) === p.judged);
    if (!checked.success || clientProblems.length > 0 || unchanged.length > 0) return focus('first-error');
    const { fetchPreview } = optionsRef.current;
    if (fetchPreview) return reviewOnServer(fetchPreview);
    let build = builder;
    if (!build) {
      setStage('checking');
      try {
        build = await optionsRef.current.loadPreview();
      } catch {
        setStage('edit');
        setAnnouncement('The preview could not be loaded. Check your connection and try again.');
        return;
      }
      setBuilder(() => build);
    }
    const result = build!(checked.data);
    setStage('preview');
    focus(result.ok ? 'preview' : 'first-error');
  }

  /** The server builds the preview against the base branch as it is now; nothing is written. */
  async function reviewOnServer(fetchPreview: (body: string) => Promise<ServerPreview>) {
    if (asking.current) return;
    asking.current = true;
    setStage('checking');
    setPreviewFailure(undefined);
    const answer = await fetchPreview(body);
    asking.current = false;
    setStage('preview');
    if (answer.kind === 'failed') {
      setPreviewFailure(answer);
      setAnnouncement(`${answer.title}. ${answer.detail}`);
      return focus('preview');
    }
    setMade({ body, result: answer.result });
    focus(answer.result.ok ? 'preview' : 'first-error');
  }

  async function submit() {
    if (sending.current || !parsed?.success || !preview?.ok) return;
    sending.current = true;
    // The same body is the same submission: retries reuse its key, so the server answers with
    // the pull request an earlier attempt opened instead of opening a second one.
    const attempt = submissionFor(pending, body);
    setPending(attempt);
    saveDraft(form, { version: 1, values, pending: attempt });
    setSubmission({ state: 'sending' });
    setAnnouncement('Opening the pull request…');
    const outcome = await postRequest(form, body, attempt.key);
    sending.current = false;
    if (outcome.kind === 'opened') {
      clearDraft(form);
      setPending(undefined);
      setSubmission({ state: 'opened', request: outcome.request });
      setAnnouncement(`Pull request #${outcome.request.pullRequest.number} is open.`);
      focus('status');
    } else if (outcome.kind === 'invalid') {
      setServerProblems(outcome.errors.map((e) => ({ ...e, judged: snapshot(request, e.path) })));
      setSubmission({ state: 'idle' });
      setStage('edit');
      focus('first-error');
    } else {
      setSubmission({ ...outcome, state: 'stopped' });
      setAnnouncement(`${outcome.title}. ${outcome.detail}`);
      focus('status');
    }
  }

  /** Forgets the draft and starts again from the page's defaults (or the link's selection). */
  function discard() {
    clearDraft(form);
    setValues(baseline);
    setPending(undefined);
    setTouched(new Set());
    setSubmitted(false);
    setServerProblems([]);
    setStage('edit');
    setMade(undefined);
    setPreviewFailure(undefined);
    setSubmission({ state: 'idle' });
    setAnnouncement('The draft is discarded.');
  }

  return {
    form,
    values,
    setValues,
    hydrated,
    hasDraft,
    touch,
    bind,
    error: (path: string) => errors.get(path),
    summary,
    showSummary: submitted && summary.length > 0,
    announcement,
    stage,
    preview,
    /** The server's preview is of an earlier version of the request. */
    stale,
    /** The server could not make the preview: what it said. */
    previewFailure,
    /** The form is valid and the preview is current. */
    ready: !!parsed?.success && clientProblems.length === 0 && !!preview?.ok,
    // A failure speaks of the body it was sent with; once the person edits, it no longer applies.
    submission: submission.state === 'stopped' && pending?.body !== body ? ({ state: 'idle' } as const) : submission,
    /** Loads the check as the person starts on the form, so that it is there when a field is left. */
    prepare: () => void ensureCheck(),
    review,
    submit,
    discard,
    focusField: (path: string) => focusField(form, path),
  };
}

export type RequestForm<V> = ReturnType<typeof useRequestForm<V>>;

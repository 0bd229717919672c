/** Feedback: a rating and a few words on a page or an area, added to the period's feedback pull request. */
import { isSitePath } from '../schemas/content-paths.ts';
import type { FeedbackEntry } from '../schemas/feedback.ts';
import { loadCheck, loadPreview, type CatalogService, type Choices, type FieldHelp, type RequestConfig } from './catalog.ts';
import { Field, Group, groupBlur } from './Field.tsx';
import { RequestShell } from './RequestShell.tsx';
import { useRequestForm } from './use-request-form.ts';
import '../styles/forms.css';

interface Props {
  /** Services and themes feedback can be about, as id and name. */
  areas: { id: string; label: string }[];
  services: CatalogService[];
  config: RequestConfig;
  /** The schema's words, read by the page: each field's help and the categories. */
  help: FieldHelp;
  categories: Choices<FeedbackEntry['category']>;
}

interface Values {
  page: string;
  area: string;
  rating: string;
  category: string;
  message: string;
  contact: string;
}

const RATINGS = ['very poor', 'poor', 'fair', 'good', 'very good'];
const CATEGORIES: Record<FeedbackEntry['category'], string> = {
  docs: 'A docs page',
  service: 'A service',
  portal: 'This portal',
  process: 'How we work',
  other: 'Anything else',
};
const optional = (text: string) => (text.trim() ? text.trim() : undefined);
const NO_FILES = new Map();

export default function FeedbackForm({ areas, services, config, help, categories }: Props) {
  const host = useRequestForm<Values>({
    form: 'feedback',
    loadCheck: () => loadCheck(import('../requests/feedback-schema.ts').then((m) => m.FeedbackRequestSchema)),
    initial: { page: '', area: '', rating: '', category: '', message: '', contact: '' },
    toRequest: (v) => ({
      page: optional(v.page),
      area: v.area || undefined,
      rating: v.rating ? Number(v.rating) : undefined,
      category: v.category || undefined,
      message: v.message,
      contact: optional(v.contact),
    }),
    fields: () => ['page', 'area', 'rating', 'category', 'message', 'contact'],
    // Docs pages link here with ?page=/their/path/ (and services with ?area=id).
    restore: (draft, initial) => {
      const q = new URLSearchParams(window.location.search);
      const page = q.get('page') ?? '';
      const area = q.get('area') ?? '';
      const base = draft ?? initial;
      return {
        ...base,
        ...(page && isSitePath(page) ? { page } : {}),
        ...(area && areas.some((a) => a.id === area) ? { area } : {}),
      };
    },
    loadPreview: () => loadPreview(import('../requests/feedback.ts').then((m) => m.feedback), services, config, NO_FILES),
  });
  const { values: v, setValues } = host;
  const set = (patch: Partial<Values>) => setValues((old) => ({ ...old, ...patch }));

  return (
    <RequestShell
      host={host}
      joined={`Your feedback is in the pull request that collects this ${config.feedbackPeriod}'s feedback. `}
      previewNote={<p>Feedback collects into one pull request per {config.feedbackPeriod}: if this {config.feedbackPeriod}'s is already open, your file is added to it, and the title and description stay those of the first submission. Its number is known only once it is sent.</p>}>
      <Field host={host} path="page" label="Page" optional help={<>{help.page} For example <code>/guides/getting-started/</code>. Give a page, an area, or both.</>}>
        {(b) => <input {...b} type="text" inputMode="url" autoComplete="off" spellCheck={false} value={v.page} onChange={(e) => set({ page: e.target.value })} />}
      </Field>
      <Field host={host} path="area" label="Area" optional help={help.area}>
        {(b) => (
          <select {...b} value={v.area} onChange={(e) => set({ area: e.target.value })}>
            <option value="">No particular area</option>
            {areas.map((a) => (
              <option key={a.id} value={a.id}>
                {a.label}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Group host={host} path="rating" legend="Rating" help={help.rating} className="group--inline" role="radiogroup">
        {RATINGS.map((words, i) => (
          <label key={words} className="choice">
            <input type="radio" name="feedback-rating" value={i + 1} checked={v.rating === String(i + 1)} {...groupBlur(host, 'rating', 'Rating')}
              onChange={() => set({ rating: String(i + 1) })} />
            {i + 1} <span className="field__help">({words})</span>
          </label>
        ))}
      </Group>
      <Group host={host} path="category" legend="About" help={categories.help} className="group--inline" role="radiogroup">
        {categories.options.map((c) => (
          <label key={c} className="choice">
            <input type="radio" name="feedback-category" value={c} checked={v.category === c} {...groupBlur(host, 'category', 'About')}
              onChange={() => set({ category: c })} />
            {CATEGORIES[c]}
          </label>
        ))}
      </Group>
      <Field host={host} path="message" label="Your feedback" optional help={help.message}>
        {(b) => <textarea {...b} rows={5} value={v.message} onChange={(e) => set({ message: e.target.value })} />}
      </Field>
      <Field host={host} path="contact" label="Contact email" optional help={help.contact}>
        {(b) => <input {...b} type="email" autoComplete="email" value={v.contact} onChange={(e) => set({ contact: e.target.value })} />}
      </Field>
    </RequestShell>
  );
}

/** Onboarding: who the team is and which services it needs, as a new tenant file. */
import { useEffect, useRef, useState } from 'react';
import { tenantPath } from '../schemas/content-paths.ts';
import { tenantQuotaProblems } from '../lib/tenant-quotas.ts';
import { formatAmount } from '../lib/usage-text.ts';
import { catalogMap, loadCheck, loadPreview, type CatalogService, type Choices, type FieldHelp, type RequestConfig } from './catalog.ts';
import { Field, Group, groupBlur } from './Field.tsx';
import { RequestShell } from './RequestShell.tsx';
import { useRequestForm } from './use-request-form.ts';
import '../styles/forms.css';

interface Props {
  services: CatalogService[];
  /** Slugs that already have a tenant file: the preview refuses them as the function would. */
  tenantSlugs: string[];
  /** The site's CODEOWNERS as built, which the pull request extends with the new tenant's owners. */
  codeowners?: { path: string; content: string } | undefined;
  config: RequestConfig;
  /** The schema's words, read by the page: each field's help, the environments and the data classifications. */
  help: FieldHelp;
  environments: Choices;
  classifications: Choices;
}

interface Values {
  name: string;
  slug: string;
  /** Once the person types a slug, it no longer follows the name. */
  slugEdited: boolean;
  description: string;
  owners: string[];
  contact: string;
  cost_centre: string;
  environments: string[];
  data_classification: string;
  /** Checked services, each with its units as typed ('' leaves the unit out). */
  services: Record<string, Record<string, string>>;
  justification: string;
}

const slugify = (name: string) =>
  name.toLowerCase().normalize('NFKD').replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 40).replace(/-+$/, '');
const optional = (text: string) => (text.trim() ? text : undefined);

function quotas(values: Values): Record<string, Record<string, number>> {
  return Object.fromEntries(
    Object.entries(values.services).map(([id, units]) => [
      id,
      Object.fromEntries(Object.entries(units).filter(([, v]) => v.trim() !== '').map(([unit, v]) => [unit, Number(v)])),
    ]),
  );
}

export default function OnboardingForm({ services, tenantSlugs, codeowners, config, help, environments, classifications }: Props) {
  const [files] = useState(() => {
    const base = new Map(tenantSlugs.map((slug) => [tenantPath(slug), { content: '', sha: '' }]));
    if (codeowners) base.set(codeowners.path, { content: codeowners.content, sha: '' });
    return base;
  });
  const [catalog] = useState(() => catalogMap(services));
  const host = useRequestForm<Values>({
    form: 'onboarding',
    loadCheck: () => loadCheck(import('../requests/onboarding-schema.ts').then((m) => m.OnboardingRequestSchema)),
    initial: {
      name: '', slug: '', slugEdited: false, description: '', owners: [''], contact: '', cost_centre: '',
      environments: [...environments.options], data_classification: 'internal', services: {}, justification: '',
    },
    toRequest: (v) => ({
      name: v.name || undefined,
      slug: v.slug || undefined,
      description: optional(v.description),
      owners: v.owners,
      contact: v.contact || undefined,
      cost_centre: v.cost_centre || undefined,
      environments: v.environments,
      data_classification: v.data_classification,
      services: quotas(v),
      justification: v.justification || undefined,
    }),
    fields: (v) => [
      'name', 'slug', 'description', 'owners', ...v.owners.map((_, i) => `owners[${i}]`), 'contact', 'cost_centre',
      'environments', 'data_classification', 'services',
      ...services.flatMap(({ id, service }) => [`services.${id}`, ...(v.services[id] ? Object.keys(service.quotas).map((u) => `services.${id}.${u}`) : [])]),
      'justification',
    ],
    extraProblems: (v) => tenantQuotaProblems(quotas(v), catalog),
    loadPreview: () => loadPreview(import('../requests/onboarding.ts').then((m) => m.onboarding), services, config, files),
  });
  const { values: v, setValues } = host;
  const set = (patch: Partial<Values>) => setValues((old) => ({ ...old, ...patch }));

  // A new owner row takes the focus; a removed one gives it to "Add an owner".
  const addOwnerRef = useRef<HTMLButtonElement>(null);
  const ownerFocus = useRef<number | 'add' | undefined>(undefined);
  useEffect(() => {
    const target = ownerFocus.current;
    ownerFocus.current = undefined;
    if (target === 'add') addOwnerRef.current?.focus();
    else if (target !== undefined) document.getElementById(`onboarding-owners-${target}`)?.focus();
  }, [v.owners.length]);

  const toggle = (list: string[], item: string, on: boolean) => (on ? [...list, item] : list.filter((x) => x !== item));
  const setUnit = (id: string, unit: string, value: string) =>
    setValues((old) => ({ ...old, services: { ...old.services, [id]: { ...old.services[id], [unit]: value } } }));
  const toggleService = (id: string, on: boolean) =>
    setValues((old) => {
      const next = { ...old.services };
      if (on) next[id] = Object.fromEntries(Object.entries(catalog.get(id)!.quotas).map(([u, q]) => [u, String(q.default)]));
      else delete next[id];
      return { ...old, services: next };
    });

  return (
    <RequestShell host={host} previewNote={<p>The tenant file is new, so the diff is the whole file. The pull request's number is known only once it is opened.</p>}>
      <Field host={host} path="name" label="Team name" help={help.name}>
        {(b) => <input {...b} type="text" autoComplete="organization" value={v.name} onChange={(e) => set({ name: e.target.value, ...(v.slugEdited ? {} : { slug: slugify(e.target.value) }) })} />}
      </Field>
      <Field host={host} path="slug" label="Slug" help={help.slug}>
        {(b) => <input {...b} type="text" autoComplete="off" spellCheck={false} value={v.slug} onChange={(e) => set({ slug: e.target.value, slugEdited: true })} />}
      </Field>
      <Field host={host} path="description" label="What the team builds" optional help={help.description}>
        {(b) => <textarea {...b} rows={2} value={v.description} onChange={(e) => set({ description: e.target.value })} />}
      </Field>
      <Group host={host} path="owners" legend="Owners" help={help.owners}>
        <ol className="owner-list">
          {v.owners.map((owner, i) => (
            <li key={i}>
              <Field host={host} path={`owners[${i}]`} label={`Owner ${i + 1}`}>
                {(b) => (
                  <input {...b} type="text" autoComplete="off" spellCheck={false} placeholder="@octocat" value={owner}
                    onChange={(e) => set({ owners: v.owners.map((o, j) => (j === i ? e.target.value : o)) })} />
                )}
              </Field>
              {v.owners.length > 1 && (
                <button type="button" className="button button--small" onClick={() => { ownerFocus.current = 'add'; set({ owners: v.owners.filter((_, j) => j !== i) }); }}>
                  Remove<span className="sr-only"> owner {i + 1}</span>
                </button>
              )}
            </li>
          ))}
        </ol>
        <button ref={addOwnerRef} type="button" className="button button--small" aria-disabled={v.owners.length >= 20 || undefined}
          onClick={() => { if (v.owners.length < 20) { ownerFocus.current = v.owners.length; set({ owners: [...v.owners, ''] }); } }}>
          Add an owner
        </button>
      </Group>
      <Field host={host} path="contact" label="Contact email" help={help.contact}>
        {(b) => <input {...b} type="email" autoComplete="email" value={v.contact} onChange={(e) => set({ contact: e.target.value })} />}
      </Field>
      <Field host={host} path="cost_centre" label="Cost centre" help={help.cost_centre}>
        {(b) => <input {...b} type="text" autoComplete="off" placeholder="CC-1042" value={v.cost_centre} onChange={(e) => set({ cost_centre: e.target.value })} />}
      </Field>

      <Group host={host} path="environments" legend="Environments" help={environments.help} className="group--inline">
        {environments.options.map((env) => (
          <label key={env} className="choice">
            <input type="checkbox" checked={v.environments.includes(env)} {...groupBlur(host, 'environments', 'Environments')}
              onChange={(e) => set({ environments: toggle(v.environments, env, e.target.checked) })} />
            {env}
          </label>
        ))}
      </Group>
      <Group host={host} path="data_classification" legend="Data classification" help={classifications.help} className="group--inline" role="radiogroup">
        {classifications.options.map((c) => (
          <label key={c} className="choice">
            <input type="radio" name="onboarding-data-classification" value={c} checked={v.data_classification === c}
              {...groupBlur(host, 'data_classification', 'Data classification')} onChange={() => set({ data_classification: c })} />
            {c}
          </label>
        ))}
      </Group>

      <Group host={host} path="services" legend="Services and quotas" help="Tick each service you need; its quotas start at the catalog's default. Leave a quota empty to skip it.">
        {services.map(({ id, service }) => {
          const units = v.services[id];
          const box = host.bind(`services.${id}`, service.name);
          return (
            <div key={id} className="service-choice">
              <label className="choice">
                <input {...box} type="checkbox" checked={Boolean(units)} onChange={(e) => toggleService(id, e.target.checked)} />
                <span><strong>{service.name}</strong> <span className="field__help">{service.summary}</span></span>
              </label>
              {host.error(`services.${id}`) && <p id={`${box.id}-error`} className="field__error">{host.error(`services.${id}`)}</p>}
              {units && (
                <Group host={host} path={`services.${id}.quotas`} legend={`${service.name} quotas`} className="group--units">
                  {Object.entries(service.quotas).map(([unitId, q]) => (
                    <Field key={unitId} host={host} path={`services.${id}.${unitId}`} label={`${q.label} (${q.unit})`}
                      help={`${q.description} Default ${formatAmount(q.default, q.unit)}, maximum ${formatAmount(q.maximum, q.unit)}.`}>
                      {(b) => <input {...b} type="number" inputMode="decimal" min={0} max={q.maximum} step="any" value={units[unitId] ?? ''} onChange={(e) => setUnit(id, unitId, e.target.value)} />}
                    </Field>
                  ))}
                </Group>
              )}
            </div>
          );
        })}
      </Group>

      <Field host={host} path="justification" label="Why, and why now" help={help.justification}>
        {(b) => <textarea {...b} rows={4} value={v.justification} onChange={(e) => set({ justification: e.target.value })} />}
      </Field>
    </RequestShell>
  );
}

/** Capacity: one quota of one tenant, with the planner and the current value beside it. */
import { useState } from 'react';
import { tenantPath, usagePath } from '../schemas/content-paths.ts';
import type { UsageFile } from '../schemas/usage.ts';
import { tenantQuotaProblems } from '../lib/tenant-quotas.ts';
import { ownValue } from '../lib/records.ts';
import { summarizeUsage } from '../lib/usage-forecast.ts';
import { belowUsageProblem } from '../lib/usage-text.ts';
import { formatNumber } from '../lib/numbers.ts';
import { formatIsoDay } from '../lib/dates.ts';
import { catalogMap, loadCheck, loadPreview, today, type CatalogService, type FieldHelp, type RequestConfig } from './catalog.ts';
import CapacityPlanner, { PLANNER_DEFAULTS, type PlannerValues } from './CapacityPlanner.tsx';
import { Field } from './Field.tsx';
import { RequestShell } from './RequestShell.tsx';
import { useRequestForm } from './use-request-form.ts';
import '../styles/forms.css';

export interface TenantOption {
  slug: string;
  name: string;
  quotas: Record<string, Record<string, number>>;
  /** The tenant file as the site was built from it: what the preview diffs against. */
  file: string;
  /**
   * The tenant's usage file as the site was built from it (checked there), cut to the trend window:
   * all the builder reads; undefined without usage data.
   */
  usage?: UsageFile | undefined;
}

interface Props {
  services: CatalogService[];
  tenants: TenantOption[];
  config: RequestConfig;
  /** When the site was built, i.e. how old the tenant files above may be. */
  builtAt: string;
  /** Each field's help, from the schema, read by the page. */
  help: FieldHelp;
}

interface Values {
  tenant: string;
  service: string;
  unit: string;
  value: string;
  needed_by: string;
  justification: string;
  planner: PlannerValues;
}

type Selection = Pick<Values, 'tenant' | 'service' | 'unit' | 'value'>;

export default function CapacityForm({ services, tenants, config, builtAt, help }: Props) {
  const [catalog] = useState(() => catalogMap(services));
  const [files] = useState(
    () =>
      new Map(
        tenants.flatMap((t) => [
          [tenantPath(t.slug), { content: t.file, sha: '' }] as const,
          ...(t.usage === undefined ? [] : [[usagePath(t.slug), { content: JSON.stringify(t.usage), sha: '' }] as const]),
        ]),
      ),
  );
  /** Usage today and its trend for the chosen quota, as the function will judge it. */
  const usageFor = (v: Pick<Values, 'tenant' | 'service' | 'unit'>, quota: number | undefined) => {
    const file = tenants.find((t) => t.slug === v.tenant)?.usage;
    const points = file?.series.find((s) => s.service === v.service && s.unit === v.unit)?.points;
    return points && summarizeUsage(points, quota ?? 0, config.insights);
  };

  /**
   * Tenant pages link to ?tenant=&service=&unit=&value= (a flagged quota with a suggested value),
   * the catalog to ?service=: only what exists is taken.
   */
  function fromQuery(): Partial<Selection> {
    const q = new URLSearchParams(window.location.search);
    const pick: Partial<Selection> = {};
    const tenant = q.get('tenant');
    const service = q.get('service');
    const unit = q.get('unit');
    if (tenant && tenants.some((t) => t.slug === tenant)) pick.tenant = tenant;
    if (service && catalog.has(service)) {
      pick.service = service;
      if (unit && unit in catalog.get(service)!.quotas) pick.unit = unit;
    }
    const value = q.get('value');
    if (pick.unit && value && Number.isFinite(Number(value))) pick.value = value;
    return pick;
  }

  const host = useRequestForm<Values>({
    form: 'capacity',
    loadCheck: () => loadCheck(import('../requests/capacity-schema.ts').then((m) => m.CapacityRequestSchema)),
    initial: { tenant: '', service: '', unit: '', value: '', needed_by: '', justification: '', planner: PLANNER_DEFAULTS },
    toRequest: (v) => ({
      tenant: v.tenant || undefined,
      service: v.service || undefined,
      unit: v.unit || undefined,
      value: v.value.trim() === '' ? undefined : Number(v.value),
      justification: v.justification || undefined,
      needed_by: v.needed_by || undefined,
    }),
    fields: () => ['tenant', 'service', 'unit', 'value', 'needed_by', 'justification'],
    extraProblems: (v) => {
      if (!v.service || !v.unit || v.value.trim() === '' || !Number.isFinite(Number(v.value))) return [];
      const value = Number(v.value);
      const below = belowUsageProblem(value, usageFor(v, undefined), ownValue(catalog.get(v.service)?.quotas, v.unit)?.unit ?? '');
      return [...tenantQuotaProblems({ [v.service]: { [v.unit]: value } }, catalog).map((p) => ({ ...p, path: 'value' })), ...(below ? [below] : [])];
    },
    restore: (draft, initial) => {
      const pick = fromQuery();
      if (Object.keys(pick).length === 0) return draft ?? initial;
      const base = draft ?? initial;
      const same = (Object.keys(pick) as (keyof Selection)[]).every((k) => base[k] === pick[k]);
      if (same) return base;
      // A link for another quota: its selection wins, the words already written stay.
      const unit = pick.unit ?? (pick.service && pick.service !== base.service ? '' : base.unit);
      return { ...base, ...pick, unit, value: pick.value ?? '' };
    },
    loadPreview: () => loadPreview(import('../requests/capacity.ts').then((m) => m.capacity), services, config, files),
  });
  const { values: v, setValues } = host;
  const set = (patch: Partial<Values>) => setValues((old) => ({ ...old, ...patch }));

  const tenant = tenants.find((t) => t.slug === v.tenant);
  const service = catalog.get(v.service);
  // The selection can come from the page's query string: read own keys only (lib/records.ts).
  const unit = ownValue(service?.quotas, v.unit);
  const current = ownValue(ownValue(tenant?.quotas, v.service), v.unit);
  const usage = usageFor(v, current);
  const built = new Date(builtAt);

  return (
    <RequestShell
      host={host}
      previewNote={
        <p>
          The diff is against <code>{tenant ? tenantPath(tenant.slug) : 'the tenant file'}</code> as this site was built on{' '}
          <time dateTime={builtAt}>{built.toISOString().slice(0, 16).replace('T', ' ')} UTC</time>. If the base branch has moved since, the pull
          request changes the same line of the file as it is then, and its diff may show other lines differently. The pull request's number is
          known only once it is opened.
        </p>
      }
    >
      <Field host={host} path="tenant" label="Tenant" help={help.tenant}>
        {(b) => (
          <select {...b} value={v.tenant} onChange={(e) => set({ tenant: e.target.value })}>
            <option value="">Choose a tenant</option>
            {tenants.map((t) => (
              <option key={t.slug} value={t.slug}>
                {t.name} ({t.slug})
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field host={host} path="service" label="Service">
        {(b) => (
          <select {...b} value={v.service} onChange={(e) => set({ service: e.target.value, unit: e.target.value && e.target.value === v.service ? v.unit : '' })}>
            <option value="">Choose a service</option>
            {services.map(({ id, service: s }) => (
              <option key={id} value={id}>
                {s.name}
                {tenant && !(id in tenant.quotas) ? ' (not used yet)' : ''}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field host={host} path="unit" label="Quota" help={service ? undefined : 'Choose a service first.'}>
        {(b) => (
          <select {...b} value={v.unit} onChange={(e) => set({ unit: e.target.value })}>
            <option value="">Choose a quota</option>
            {service &&
              Object.entries(service.quotas).map(([id, q]) => (
                <option key={id} value={id}>
                  {q.label} ({q.unit})
                </option>
              ))}
          </select>
        )}
      </Field>

      {unit && (
        <p className="quota-facts" id="capacity-current">
          <span>
            Current quota: <strong>{current === undefined ? 'not set' : `${formatNumber(current)} ${unit.unit}`}</strong>
            {tenant && <> (from <code>{tenantPath(tenant.slug)}</code>)</>}
          </span>
          <span>
            In use:{' '}
            <strong>
              {usage
                ? `${formatNumber(usage.current)} ${unit.unit} on ${formatIsoDay(usage.asOf)}${usage.percentUsed === undefined ? '' : ` (${Math.round(usage.percentUsed)}% of the quota)`}`
                : 'no usage data yet'}
            </strong>
          </span>
          <span>
            Maximum: <strong>{formatNumber(unit.maximum)} {unit.unit}</strong>
          </span>
          <span className="field__help">{unit.description}</span>
        </p>
      )}
      <Field host={host} path="value" label={`New quota${unit ? ` (${unit.unit})` : ''}`} help={help.value}>
        {(b) => (
          <input {...b} type="number" inputMode="decimal" min={0} max={unit?.maximum} step="any" value={v.value}
            aria-describedby={[b['aria-describedby'], unit && 'capacity-current'].filter(Boolean).join(' ') || undefined}
            onChange={(e) => set({ value: e.target.value })} />
        )}
      </Field>
      {unit && (
        <CapacityPlanner
          unitId={v.unit}
          unit={unit}
          current={current}
          usage={usage}
          values={v.planner}
          onChange={(planner) => set({ planner })}
          onUse={(value) => {
            set({ value: String(value) });
            host.touch('value');
          }}
        />
      )}
      <Field host={host} path="needed_by" label="Needed by" help={help.needed_by}>
        {(b) => <input {...b} type="date" min={host.hydrated ? today() : undefined} value={v.needed_by} onChange={(e) => set({ needed_by: e.target.value })} />}
      </Field>
      <Field host={host} path="justification" label="Why" help={help.justification}>
        {(b) => <textarea {...b} rows={4} value={v.justification} onChange={(e) => set({ justification: e.target.value })} />}
      </Field>
    </RequestShell>
  );
}

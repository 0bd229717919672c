/**
 * The capacity planner: the person describes the workload, sees the estimate worked out step by
 * step, and puts it into the request with one click. The arithmetic is src/lib/capacity-planner.ts.
 */
import { useState } from 'react';
import type { QuotaUnit } from '../schemas/service.ts';
import { fitToMaximum, isStorageUnit, planGrowth, planStorage, type PlannerField } from '../lib/capacity-planner.ts';
import { formatNumber } from '../lib/numbers.ts';
import { monthlyGrowthPercent, type UsageSummary } from '../lib/usage-forecast.ts';
import { describeExhaustion } from '../lib/usage-text.ts';
import { formatIsoDay } from '../lib/dates.ts';

export type PlannerValues = Record<PlannerField, string>;

export const PLANNER_DEFAULTS: PlannerValues = {
  eventsPerSecond: '',
  eventSizeKb: '1',
  retentionDays: '7',
  replicationFactor: '1',
  current: '',
  monthlyGrowthPercent: '',
  monthsAhead: '6',
  headroomPercent: '20',
};

interface Props {
  unitId: string;
  unit: QuotaUnit;
  /** The tenant's quota today, from its file; undefined when it has none. */
  current: number | undefined;
  /** Measured usage of this quota and its trend; undefined without usage data. */
  usage: UsageSummary | undefined;
  values: PlannerValues;
  onChange(values: PlannerValues): void;
  onUse(value: number): void;
}

const INPUTS: Record<PlannerField, { label: string; suffix: string; help?: string }> = {
  eventsPerSecond: { label: 'Events per second', suffix: 'events/s', help: 'Average write rate at peak hours.' },
  eventSizeKb: { label: 'Average event size', suffix: 'KB', help: '1 KB = 1,000 bytes, as stored (after compression, if any).' },
  retentionDays: { label: 'Retention', suffix: 'days' },
  replicationFactor: { label: 'Replication factor', suffix: '×', help: 'Copies the quota counts; 1 when it counts data before replication (see the unit above).' },
  current: { label: 'Today', suffix: '', help: 'What you use or hold now; starts at the measured usage, or at the current quota without usage data.' },
  monthlyGrowthPercent: { label: 'Monthly growth', suffix: '%' },
  monthsAhead: { label: 'Months ahead', suffix: 'months', help: 'How far ahead the quota should last.' },
  headroomPercent: { label: 'Headroom', suffix: '%', help: 'Margin for peaks and surprises.' },
};

/** Monthly growth the planner starts from when there is no measured trend. */
const DEFAULT_MONTHLY_GROWTH = 5;

const STORAGE: PlannerField[] = ['eventsPerSecond', 'eventSizeKb', 'retentionDays', 'replicationFactor', 'monthlyGrowthPercent', 'monthsAhead', 'headroomPercent'];
const GROWTH: PlannerField[] = ['current', 'monthlyGrowthPercent', 'monthsAhead', 'headroomPercent'];

export default function CapacityPlanner({ unitId, unit, current, usage, values, onChange, onUse }: Props) {
  const [used, setUsed] = useState<string>('');
  const storage = isStorageUnit(unitId, unit);
  const shown = storage ? STORAGE : GROWTH;
  // Empty fields start from what is measured: usage today and its trend, else the quota and the default growth.
  const start = usage?.current ?? current;
  const effective: PlannerValues = {
    ...values,
    current: values.current === '' && start !== undefined ? String(start) : values.current,
    monthlyGrowthPercent:
      values.monthlyGrowthPercent === '' ? String(usage ? monthlyGrowthPercent(usage, Math.max(1, Number(values.monthsAhead) || 1)) : DEFAULT_MONTHLY_GROWTH) : values.monthlyGrowthPercent,
  };
  const numbers = Object.fromEntries(shown.map((f) => [f, effective[f].trim() === '' ? Number.NaN : Number(effective[f])])) as Record<PlannerField, number>;
  const result = storage ? planStorage(numbers) : planGrowth(numbers, unit.unit);
  const problems = new Map(result.ok ? [] : result.problems.filter((p) => effective[p.field].trim() !== '').map((p) => [p.field, p.message]));
  const fit = result.ok ? fitToMaximum(result.plan.rounded, unit.maximum) : undefined;

  return (
    <details className="planner">
      <summary>Estimate it with the planner</summary>
      <p className="field__help">
        Current quota: <strong>{current === undefined ? 'not set' : `${formatNumber(current)} ${unit.unit}`}</strong>. Maximum:{' '}
        {formatNumber(unit.maximum)} {unit.unit}.{' '}
        {usage ? (
          <>
            Measured usage: <strong>{formatNumber(usage.current)} {unit.unit}</strong> on {formatIsoDay(usage.asOf)}
            {usage.growthOverTrend !== undefined && <>, {usage.growthOverTrend >= 0 ? '+' : ''}{formatNumber(usage.growthOverTrend)} {unit.unit} over the last {usage.trendDays} days</>}; at
            that trend the current quota runs out: {describeExhaustion(usage.exhaustion)}.{' '}
          </>
        ) : (
          'No usage data yet for this quota. '
        )}
        {storage ? 'Storage is sized from the data you write and keep.' : 'Sized from today’s value, grown and given headroom.'}
      </p>
      <fieldset className="group group--planner">
        <legend>Your workload</legend>
        {shown.map((field) => {
          const id = `capacity-planner-${field}`;
          const problem = problems.get(field);
          const input = INPUTS[field];
          const suffix = field === 'current' ? unit.unit : input.suffix;
          return (
            <div key={field} className={`field${problem ? ' field--invalid' : ''}`}>
              <label htmlFor={id}>
                {input.label}
                {suffix && <span className="field__optional"> ({suffix})</span>}
              </label>
              {input.help && <p id={`${id}-help`} className="field__help">{input.help}</p>}
              {problem && <p id={`${id}-error`} className="field__error"><span className="field__icon" aria-hidden="true">!</span>{problem}</p>}
              <input
                id={id}
                type="number"
                inputMode="decimal"
                step="any"
                value={effective[field]}
                aria-invalid={problem ? true : undefined}
                aria-describedby={[input.help && `${id}-help`, problem && `${id}-error`].filter(Boolean).join(' ') || undefined}
                onChange={(e) => onChange({ ...values, [field]: e.target.value })}
              />
            </div>
          );
        })}
      </fieldset>
      {result.ok && fit ? (
        <div className="planner__result">
          <p className="planner__heading">The arithmetic</p>
          {usage && (
            <p className="field__help">
              Beside it: <strong>{formatNumber(usage.current)} {unit.unit}</strong> in use on {formatIsoDay(usage.asOf)}
              {usage.current > 0 && <>; the estimate is {formatNumber(Math.round((result.plan.rounded / usage.current) * 10) / 10)}× that</>}.
            </p>
          )}
          <ol className="planner__steps">
            {result.plan.steps.map((step) => (
              <li key={step.label}>
                <span className="planner__label">{step.label}:</span> {step.formula} = <strong>{step.result}</strong>
              </li>
            ))}
          </ol>
          {fit.capped && (
            <p className="notice notice--caution">
              The estimate, {formatNumber(result.plan.rounded)} {unit.unit}, is above the maximum of {formatNumber(unit.maximum)} {unit.unit} the portal can
              grant. Using it asks for the maximum; for more, ask the service's team for an exception.
            </p>
          )}
          <p className="portal-form__actions">
            <button
              type="button"
              className="button"
              onClick={() => {
                onUse(fit.value);
                setUsed(`The request now asks for ${formatNumber(fit.value)} ${unit.unit}${fit.capped ? ', the maximum' : ''}.`);
              }}
            >
              Use this estimate: {formatNumber(fit.value)} {unit.unit}
            </button>
          </p>
        </div>
      ) : (
        <p className="field__help">Fill in every field of the workload to see the estimate.</p>
      )}
      <p role="status" className="planner__status">{used}</p>
    </details>
  );
}

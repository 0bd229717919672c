import type { BuildContext } from '../../packages/platform-portal/src/requests/types.ts';

type ContextOf = Partial<Omit<BuildContext, 'config'>> & Pick<BuildContext, 'requester' | 'now'> & { config?: Partial<BuildContext['config']> };

/**
 * A request type's build context as the functions give it, with fixed ids, an empty catalog and
 * the configuration's defaults: a test names the person, the moment and what else it is about.
 */
export function buildContext({ config, ...rest }: ContextOf): BuildContext {
  return {
    requestId: '0123456789abcdef0123456789abcdef',
    requesterHash: 'fedcba9876543210fedcba9876543210',
    catalog: new Map(),
    ...rest,
    config: {
      branchPrefix: 'requests',
      labels: [],
      feedbackPeriod: 'week',
      codeowners: true,
      insights: { trendDays: 30, horizonDays: 180, warnPercent: 80, warnDays: 30, suggestMonths: 6, headroomPercent: 25 },
      campaignApprovers: [],
      ...config,
    },
  };
}

import type { RoadmapItem } from '../schemas/roadmap-item.ts';

export const BOARD_COLUMNS = [
  { status: 'now', title: 'Now', blurb: 'Being built this quarter.' },
  { status: 'next', title: 'Next', blurb: 'Starts when a "now" item ships.' },
  { status: 'later', title: 'Later', blurb: 'Planned, not yet scheduled.' },
] as const satisfies readonly { status: RoadmapItem['status']; title: string; blurb: string }[];

/** Sort key: by quarter (unplanned last), then target date, then title. */
export function compareRoadmapItems(a: Pick<RoadmapItem, 'quarter' | 'target' | 'title'>, b: Pick<RoadmapItem, 'quarter' | 'target' | 'title'>): number {
  return (
    (a.quarter ?? '9999').localeCompare(b.quarter ?? '9999') ||
    (a.target?.getTime() ?? Infinity) - (b.target?.getTime() ?? Infinity) ||
    a.title.localeCompare(b.title)
  );
}

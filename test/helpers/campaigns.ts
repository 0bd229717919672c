/** A campaign's file as tests write one: PostgreSQL 14 to be upgraded, tenants on 14 in scope. */
export const PG14_CAMPAIGN = {
  title: 'Upgrade PostgreSQL 14',
  why: 'It is out of support.',
  release_note: 'pg14-deprecation',
  run_by: 'databases',
  started: '2026-11-18',
  deadline: '2027-03-31',
  scope: { service: 'postgresql', where: { field: 'versions.postgresql', in: [14] } },
};

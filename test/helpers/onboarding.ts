/** An onboarding request any site of the tests can take: the starter's catalog and the fixtures' all have PostgreSQL. */
export function postgresOnboarding(slug: string, name: string) {
  return {
    name,
    slug,
    owners: ['@octocat'],
    contact: `${slug}@example.com`,
    cost_centre: 'CC-3001',
    environments: ['dev', 'prod'],
    data_classification: 'internal',
    services: { postgresql: { storage_gb: 40 } },
    justification: `A tenant for ${name}, to see the request become a pull request.`,
  };
}

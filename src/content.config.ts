import { z } from 'zod';
import { portalCollections } from 'platform-portal/collections';
import { KafkaTopicsSchema } from './schemas/kafka-topic.ts';

// The site's own fields of a tenant: the Kafka topics it holds, which the kafka-topic request adds
// to, and what the campaigns' scope rules read (content/campaigns/): the PostgreSQL major version
// and the Kafka authentication of its clients.
export const collections = portalCollections({
  extend: {
    tenants: z.object({
      kafka_topics: KafkaTopicsSchema.optional(),
      versions: z
        .object({ postgresql: z.int().min(12).max(30).optional().describe("Major version of the tenant's PostgreSQL clusters.") })
        .strict()
        .optional()
        .describe('Major versions the tenant runs, where it chooses.'),
      kafka_auth: z.enum(['plain', 'scram-sha-512', 'mtls']).optional().describe("How the tenant's Kafka clients authenticate."),
    }),
  },
});

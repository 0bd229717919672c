import { z } from 'zod';
import { portalCollections } from 'platform-portal/collections';
import { KafkaTopicsSchema } from './schemas/kafka-topic.ts';

// The site's own field: the Kafka topics a tenant holds, which the kafka-topic request adds to.
export const collections = portalCollections({
  extend: {
    tenants: z.object({ kafka_topics: KafkaTopicsSchema.optional() }),
  },
});

/**
 * The Kafka topics a tenant holds, as its file lists them under `kafka_topics`: a field of this
 * site's own, added to the portal's tenant schema in src/content.config.ts and written by the
 * kafka-topic request (src/requests/kafka-topic.ts). One schema for both, so the request never
 * proposes an item the content check would refuse.
 */
import { z } from 'zod';

/** Longest topic name: well under Kafka's 249, so that a branch named after it stays readable. */
export const TOPIC_NAME_MAX = 120;

/** A segment of a topic name: lowercase letters, digits and single hyphens, like a tenant's slug. */
const SEGMENT = '[a-z0-9]+(?:-[a-z0-9]+)*';

/**
 * `<tenant>.<entity>.v<version>`, as the guide "Kafka topic design" names topics: the tenant's
 * prefix ACLs cover it (content/services/kafka.yaml), and an incompatible change is a new version
 * beside the old one. Which tenant the first segment names is checked by the request, which knows
 * the tenant; a tenant's file lists only its own topics.
 */
export const TopicNameSchema = z
  .string()
  .max(TOPIC_NAME_MAX, `Keep the topic name to ${TOPIC_NAME_MAX} characters.`)
  .regex(new RegExp(`^${SEGMENT}\\.${SEGMENT}\\.v[1-9][0-9]{0,3}$`), 'Name the topic <tenant>.<entity>.v<version> in lowercase letters, digits and hyphens, e.g. checkout.orders.v1.')
  .meta({ title: 'Topic name' })
  .describe('Topic name, <tenant>.<entity>.v<version>, e.g. checkout.orders.v1.');

export const RETENTION_DAYS_MAX = 30;

export const RetentionDaysSchema = z
  .number()
  .int('Give whole days.')
  .min(1)
  .max(RETENTION_DAYS_MAX, `Keep messages ${RETENTION_DAYS_MAX} days at most: Kafka is no archive; keep older data in object storage.`)
  .describe(`Days a message is kept, 1 to ${RETENTION_DAYS_MAX}.`);

export const CleanupPolicySchema = z
  .enum(['delete', 'compact'])
  .meta({ title: 'Cleanup policy', labels: { delete: 'Delete after the retention time', compact: 'Compact: keep the newest message of each key' } })
  .describe('delete: old messages go after the retention time; compact: the newest message of each key is kept.');

export const KafkaTopicSchema = z
  .object({
    name: TopicNameSchema,
    partitions: z.number().int('Give a whole number of partitions.').min(1).describe("Partitions of the topic; they count against the tenant's Kafka partitions quota."),
    retention_days: RetentionDaysSchema,
    cleanup_policy: CleanupPolicySchema,
  })
  .strict();

/** A bound well above what one tenant needs, checked before any item is read. */
export const MAX_TOPICS = 500;

export const KafkaTopicsSchema = z
  .array(KafkaTopicSchema)
  .max(MAX_TOPICS, `List ${MAX_TOPICS} topics at most.`)
  .superRefine((topics, ctx) => {
    topics.forEach((topic, i) => {
      if (topics.findIndex((other) => other.name === topic.name) !== i) {
        ctx.addIssue({ code: 'custom', path: [i, 'name'], input: topic.name, message: `${topic.name} is listed twice; list each topic once.` });
      }
    });
  })
  .describe("The tenant's Kafka topics; the kafka-topic request adds to this list.");

export type KafkaTopic = z.output<typeof KafkaTopicSchema>;
export type KafkaTopicInput = z.input<typeof KafkaTopicSchema>;

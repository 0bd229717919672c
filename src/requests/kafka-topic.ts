/**
 * A change inside a tenant: a new Kafka topic, added to the `kafka_topics` list of the tenant's
 * file. Names follow <tenant>.<entity>.v<version>; the limits come from the service catalog (a topic
 * has at most the Kafka partitions maximum) and from the tenant (its topics together stay within
 * its partitions quota).
 */
import { z } from 'zod';
import { addListItem, code, defineRequestType, escapeInline, fileIn, inert, requestBody, RequestRefused, tenantPath, tenantReviewers } from 'platform-portal/requests';
import { CleanupPolicySchema, KafkaTopicSchema, RetentionDaysSchema, TopicNameSchema, type KafkaTopicInput } from '../schemas/kafka-topic.ts';
import { freeText, TenantSlugSchema } from './fields.ts';
import { quotaOf, readTenant } from './tenant-file.ts';

export const KafkaTopicRequestSchema = z
  .object({
    tenant: TenantSlugSchema.describe('Slug of the tenant the topic belongs to.'),
    name: TopicNameSchema,
    partitions: KafkaTopicSchema.shape.partitions,
    retention_days: RetentionDaysSchema.default(7),
    cleanup_policy: CleanupPolicySchema.default('delete'),
    justification: freeText('justification', { min: 20, max: 2000 }).describe('What the topic carries and who reads it; the reviewer reads this first.'),
  })
  .strict()
  .superRefine((request, ctx) => {
    // The tenant's prefix ACLs cover only topics that start with its slug. Said only of a valid
    // tenant (the message quotes it) and a name that keeps the other rules (one problem a field).
    const comparable = TenantSlugSchema.safeParse(request.tenant).success && TopicNameSchema.safeParse(request.name).success;
    if (comparable && !request.name.startsWith(`${request.tenant}.`)) {
      ctx.addIssue({ code: 'custom', path: ['name'], input: request.name, message: `Start the topic name with the tenant's slug: ${request.tenant}.<entity>.v<version>.` });
    }
  });

export type KafkaTopicRequest = z.output<typeof KafkaTopicRequestSchema>;

const refuse = (field: string, title: string, message: string) => new RequestRefused('unprocessable', title, [{ path: field, message }]);

export const kafkaTopic = defineRequestType({
  type: 'kafka-topic',
  title: 'Create a Kafka topic',
  description: "Adds a topic to the kafka_topics list of the tenant's file, within the tenant's partitions quota.",
  schema: KafkaTopicRequestSchema,
  example: {
    tenant: 'checkout',
    name: 'checkout.order-events.v1',
    partitions: 12,
    retention_days: 7,
    cleanup_policy: 'delete',
    justification: 'Fulfilment and analytics consume order-created events; twelve partitions match the consumer groups.',
  },
  reads: (request) => [tenantPath(request.tenant)],
  build(request, files, context) {
    const { path, tenant } = readTenant(files, request.tenant);
    const kafka = context.catalog.get('kafka');
    const unit = kafka && Object.hasOwn(kafka.quotas, 'partitions') ? kafka.quotas.partitions : undefined;
    if (!kafka || !unit) throw refuse('tenant', 'Kafka is not in the service catalog.', 'the service catalog has no kafka service with a partitions quota; ask the platform team');
    if (request.partitions > unit.maximum) {
      throw refuse('partitions', 'Too many partitions for one topic.', `${request.partitions} is above the maximum ${unit.maximum} ${unit.unit} for one ${kafka.name} topic; ask the ${kafka.owner} team for an exception`);
    }
    const quota = quotaOf(tenant, 'kafka', 'partitions');
    if (quota === undefined) {
      throw refuse('tenant', 'The tenant has no Kafka partitions quota.', `tenant ${request.tenant} has no ${kafka.name} partitions quota; request one through the capacity form first`);
    }
    const topics = tenant.kafka_topics ?? [];
    if (topics.some((topic) => topic.name === request.name)) {
      throw new RequestRefused('conflict', `The topic ${request.name} already exists.`, [{ path: 'name', message: `${path} already lists the topic ${request.name}; pick another name` }]);
    }
    const used = topics.reduce((sum, topic) => sum + topic.partitions, 0);
    if (used + request.partitions > quota) {
      throw refuse(
        'partitions',
        "The tenant's partitions quota is too small.",
        `${used} partitions in ${topics.length} topic(s) and ${request.partitions} more make ${used + request.partitions}, above the tenant's quota of ${quota}; ask for at most ${Math.max(quota - used, 0)}, or raise the quota through the capacity form`,
      );
    }
    const item: KafkaTopicInput = { name: request.name, partitions: request.partitions, retention_days: request.retention_days, cleanup_policy: request.cleanup_policy };
    const edited = addListItem(fileIn(files, path), ['kafka_topics'], item);

    return {
      branch: `${context.config.branchPrefix}/kafka-topic/${request.tenant}/${request.name}`,
      title: inert(`Kafka topic ${request.name} for ${request.tenant}`),
      labels: ['portal-request', ...context.config.labels],
      mode: 'single',
      reviewers: tenantReviewers(tenant),
      commitMessage: inert(`Add Kafka topic ${request.name} to ${request.tenant}\n\nPortal-Request: ${context.requestId}`),
      files: [edited],
      body: requestBody({
        type: 'kafka-topic',
        context,
        intro: `Adds the ${escapeInline(kafka.name)} topic ${code(request.name)} to tenant ${code(request.tenant)} in ${code(path)}.`,
        rows: [
          ['Tenant', code(request.tenant)],
          ['Topic', code(request.name)],
          ['Partitions', `${request.partitions} (at most ${unit.maximum} per topic)`],
          ["Tenant's partitions", `${used} in ${topics.length} topic(s) + ${request.partitions} = ${used + request.partitions} of the quota ${quota}`],
          ['Retention', `${request.retention_days} day(s)`],
          ['Cleanup policy', code(request.cleanup_policy)],
        ],
        justification: request.justification,
      }),
    };
  },
});

export default kafkaTopic;

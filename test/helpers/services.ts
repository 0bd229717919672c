/** A Kafka service of the catalog as a test writes one, with its partitions quota up to `maximum`. */
export function kafkaService(maximum: number) {
  return {
    name: 'Kafka',
    summary: 'Event streaming.',
    description: 'Managed Kafka.',
    owner: 'data-streaming',
    tier: 'gold',
    on_call: { team: 'streaming', contact: '#kafka-oncall' },
    quotas: { partitions: { label: 'Partitions', unit: 'partitions', description: 'Partitions.', default: 12, maximum } },
  };
}

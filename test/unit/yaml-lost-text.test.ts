import { describe, expect, it } from 'vitest';
import { lostTextProblems, yamlOf } from '../../packages/platform-portal/src/lib/yaml-lost-text.ts';
import { formatProblem } from '../../packages/platform-portal/src/lib/problems.ts';

const lost = (yaml: string, file = 'content/changelog/note.mdx') => lostTextProblems(yaml, file).map(formatProblem);

describe('values a YAML comment cut short', () => {
  it('names the file, the field and where the value now ends', () => {
    expect(lost('title: Upgrade\naction_required: Book a slot in #databases by March.\n')).toEqual([
      'content/changelog/note.mdx → action_required: "#databases by March." was read as a YAML comment and left out, so the value ends at "Book a slot in"; put the whole value in quotes',
    ]);
  });

  it('finds them in lists and nested maps', () => {
    const yaml = ['on_call:', '  contact: #kafka-oncall', 'steps:', '  - Ask first', '  - Then post in #platform-announce'].join('\n');
    expect(lost(yaml, 'content/services/kafka.yaml')).toEqual([
      'content/services/kafka.yaml → on_call.contact: is empty: "#kafka-oncall" was read as a YAML comment; put the value in quotes',
      'content/services/kafka.yaml → steps[1]: "#platform-announce" was read as a YAML comment and left out, so the value ends at "Then post in"; put the whole value in quotes',
    ]);
  });

  it('leaves comments written as comments, quoted values, numbers and URL fragments alone', () => {
    const yaml = [
      '# The owning team',
      'owner: data-streaming # on call this quarter',
      'summary: "Ask in #databases"',
      "note: 'Ask in #databases'",
      'title: "Quoted, then a comment" #draft',
      'partitions: 96 #raised for Black Friday',
      'link: https://example.com/docs/#retention',
      'tag: C#',
    ].join('\n');
    expect(lost(yaml)).toEqual([]);
  });
});

describe('the YAML of a content file', () => {
  it('is the frontmatter of a Markdown file and the whole of a YAML file', () => {
    expect(yamlOf('---\ntitle: A\n---\n\n# Heading #1\n', 'content/roadmap/a.md')).toBe('title: A');
    expect(yamlOf('name: Kafka\n', 'content/services/kafka.yaml')).toBe('name: Kafka\n');
    expect(yamlOf('# Just a heading\n', 'content/docs/page.md')).toBeUndefined();
  });
});

/**
 * The change builders of src/changes/, on a tenant file with comments: each change is asserted
 * byte for byte, as the text the file had with only the edited part replaced.
 */
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { z } from 'zod';
import { addFile, addListItem, ChangeNotApplied, fileIn, removeFile, removeListItem, setValue } from '../../packages/platform-portal/src/changes/index.ts';
import { buildPreview } from '../../packages/platform-portal/src/lib/preview.ts';
import type { BuildContext, RepoFile, RequestType } from '../../packages/platform-portal/src/requests/types.ts';
import { edited, PATH, refusal, TENANT, tenant, thrown } from '../helpers/change-builders.ts';

describe('setValue', () => {
  it('replaces a value where it stands and keeps the comment on its line', () => {
    const change = setValue(tenant(), ['services', 'postgresql', 'storage_gb'], 500);
    expect(change).toEqual({ path: PATH, previousSha: 'base-sha', content: edited(TENANT, 'storage_gb: 400     #', 'storage_gb: 500     #') });
  });

  it('adds a missing key at the end of its map, at the map’s indentation', () => {
    const { content } = setValue(tenant(), ['services', 'postgresql', 'vcpu'], 16);
    expect(content).toBe(edited(TENANT, '10 pooled connections\n', '10 pooled connections\n    vcpu: 16\n'));
  });

  it('makes the maps on the way, after the last entry’s lines and before the comments that follow', () => {
    const { content } = setValue(tenant(), ['services', 'redis', 'memory_gb'], 4);
    expect(content).toBe(edited(TENANT, 'buckets: 6}\n', 'buckets: 6}\n  redis:\n    memory_gb: 4\n'));
    const root = setValue(tenant(), ['support', 'tier'], 'gold').content;
    expect(root).toBe(edited(TENANT, '# end of file\n', 'support:\n  tier: gold\n# end of file\n'));
  });

  it('adds to a flow map inside it', () => {
    const { content } = setValue(tenant(), ['services', 'object-storage', 'egress_gb'], 50);
    expect(content).toBe(edited(TENANT, '{storage_gb: 500, buckets: 6}', '{storage_gb: 500, buckets: 6, egress_gb: 50}'));
    expect(setValue(tenant(), ['services', 'object-storage', 'buckets'], 8).content).toBe(edited(TENANT, 'buckets: 6}', 'buckets: 8}'));
  });

  it('keeps the quoting style of the value it replaces, and quotes where the text would read as something else', () => {
    expect(setValue(tenant(), ['owners', 0], '@sam-osei').content).toBe(edited(TENANT, '"@amira-haddad"', '"@sam-osei"'));
    expect(setValue(tenant(), ['owners', 1], "@o'brien").content).toBe(edited(TENANT, "'@jonas-vogel'", "'@o''brien'"));
    expect(setValue(tenant(), ['status'], 'retired').content).toBe(edited(TENANT, 'status: active', 'status: retired'));
    // Plain text that YAML reads as a number, a boolean, null, or (YAML 1.1: PyYAML) a boolean.
    for (const [value, text] of [['96', '"96"'], ['true', '"true"'], ['null', '"null"'], ['yes', '"yes"'], ['off', '"off"'], ['012', '"012"']]) {
      expect(setValue(tenant(), ['status'], value).content).toBe(edited(TENANT, 'status: active', `status: ${text}`));
    }
    expect(setValue(tenant(), ['slug'], 7).content).toBe(edited(TENANT, 'slug: checkout', 'slug: 7'));
  });

  it('writes text into a block scalar in its style, or double-quoted when the style cannot hold it', () => {
    const folded = setValue(tenant(), ['description'], 'Carts and orders.\nSecond paragraph.').content;
    expect(folded).toBe(edited(TENANT, '>-\n  Cart, checkout and order placement for the web shop and mobile apps.\n', '>-\n  Carts and orders.\n\n  Second paragraph.\n'));
    expect(parse(folded).description).toBe('Carts and orders.\nSecond paragraph.');
    const literal = 'a: |\n  one\n  two\nb: 1\n';
    expect(setValue(tenant(literal), ['a'], 'x\ny\n\n').content).toBe('a: |+\n  x\n  y\n\nb: 1\n');
    expect(setValue(tenant(literal), ['a'], '  indented').content).toBe('a: "  indented"\nb: 1\n');
    expect(setValue(tenant(literal), ['a'], 3).content).toBe('a: 3\nb: 1\n');
  });

  it('puts a map under a key that has none, keeping the key’s comment; an empty flow map becomes a block', () => {
    expect(setValue(tenant('a: 1\nservices:   # none yet\nb: 2\n'), ['services', 'kafka', 'partitions'], 12).content).toBe(
      'a: 1\nservices:   # none yet\n  kafka:\n    partitions: 12\nb: 2\n',
    );
    expect(setValue(tenant('services: {}\n'), ['services', 'kafka'], { partitions: 12 }).content).toBe('services:\n  kafka:\n    partitions: 12\n');
    expect(setValue(tenant('services: ~\n'), ['services', 'kafka'], 1).content).toBe('services:\n  kafka: 1\n');
  });

  it('replaces a list or a map with another, in its own form', () => {
    expect(setValue(tenant(), ['environments'], ['dev', 'prod']).content).toBe(edited(TENANT, '[dev, staging, prod]', '[ dev, prod ]'));
    const topics = setValue(tenant(), ['services', 'kafka', 'topics'], [{ name: 'orders', partitions: 64 }]).content;
    expect(topics).toBe(
      edited(TENANT, '      - name: orders\n        partitions: 48   # keyed by order id\n      # payments moved to the ledger tenant\n      - name: carts\n        partitions: 12\n', '      - name: orders\n        partitions: 64\n'),
    );
    expect(setValue(tenant(), ['services', 'kafka', 'topics'], []).content).toBe(
      edited(TENANT, '    topics:\n      - name: orders\n        partitions: 48   # keyed by order id\n      # payments moved to the ledger tenant\n      - name: carts\n        partitions: 12\n', '    topics: []\n'),
    );
  });

  it('chains: each edit starts from the last, and the change still replaces the base branch’s blob', () => {
    const first = setValue(fileIn(new Map<string, RepoFile>([[PATH, { content: TENANT, sha: 'base-sha' }]]), PATH), ['services', 'kafka', 'partitions'], 144);
    const second = setValue(first, ['services', 'postgresql', 'storage_gb'], 500);
    expect(second.previousSha).toBe('base-sha');
    expect(second.content).toBe(edited(edited(TENANT, 'partitions: 96', 'partitions: 144'), 'storage_gb: 400', 'storage_gb: 500'));
  });

  it('is deterministic: the same edit twice gives the same change', () => {
    expect(setValue(tenant(), ['services', 'redis', 'memory_gb'], 4)).toEqual(setValue(tenant(), ['services', 'redis', 'memory_gb'], 4));
  });

  it('refuses what it cannot change without reaching further than the value, saying what to do', () => {
    expect(refusal(() => setValue({ path: PATH }, ['a'], 1))).toMatchInlineSnapshot(`
      {
        "kind": "not-found",
        "message": "content/tenants/checkout.yaml does not exist.",
        "problems": [
          {
            "file": "content/tenants/checkout.yaml",
            "message": "the file does not exist on the base branch",
            "path": "a",
          },
        ],
      }
    `);
    expect(refusal(() => setValue(tenant(), ['status', 'since'], '2025')).message).toMatchInlineSnapshot(`"status.since cannot be set in content/tenants/checkout.yaml: status is the value "active"."`);
    expect(refusal(() => setValue(tenant(), ['services'], 3)).message).toMatchInlineSnapshot(`"services in content/tenants/checkout.yaml is a map, not a single value; change it by hand."`);
    expect(refusal(() => setValue(tenant(), ['owners', 5], 'x')).kind).toBe('not-found');
    expect(refusal(() => setValue(tenant(), ['owners', 3, 'name'], 'x')).kind).toBe('not-found');
    expect(refusal(() => setValue(tenant('a: !!str 5\n'), ['a'], 6)).message).toMatchInlineSnapshot(`"a in content/tenants/checkout.yaml has an explicit tag; change it by hand."`);
    expect(refusal(() => setValue(tenant('a: [1\n'), ['a'], 6)).message).toMatchInlineSnapshot(`"content/tenants/checkout.yaml on the base branch is not valid YAML; fix it first."`);
    expect(refusal(() => setValue(tenant('a: 1\na: 2\n'), ['a'], 6)).kind).toBe('unprocessable');
    expect(refusal(() => setValue(tenant(), [], 6)).kind).toBe('unprocessable');
  });
});

describe('the README’s example', () => {
  it('chains two edits of one file into one change of the base branch’s blob', () => {
    const files = new Map<string, RepoFile>([[PATH, { content: TENANT, sha: 'base-sha' }]]);
    const tenant = fileIn(files, PATH);
    const quota = setValue(tenant, ['services', 'kafka', 'partitions'], 144);
    const both = addListItem(quota, ['owners'], '@sam-osei');
    expect(both).toEqual({ path: PATH, previousSha: 'base-sha', content: edited(edited(TENANT, 'partitions: 96', 'partitions: 144'), '  - "@priya-raman"\n', '  - "@priya-raman"\n  - "@sam-osei"\n') });
  });
});

describe('addListItem', () => {
  it('appends with the list’s indentation and dash', () => {
    expect(addListItem(tenant(), ['owners'], '@sam-osei').content).toBe(edited(TENANT, '  - "@priya-raman"\n', '  - "@priya-raman"\n  - "@sam-osei"\n'));
    expect(addListItem(tenant('k:\n-   a\n-   b\n'), ['k'], 'c').content).toBe('k:\n-   a\n-   b\n-   c\n');
  });

  it('writes a map item as a block under its dash', () => {
    const { content } = addListItem(tenant(), ['services', 'kafka', 'topics'], { name: 'refunds', partitions: 6, keys: ['id'] });
    expect(content).toBe(edited(TENANT, '        partitions: 12\n', '        partitions: 12\n      - name: refunds\n        partitions: 6\n        keys:\n          - id\n'));
  });

  it('appends to a flow list after a comma', () => {
    expect(addListItem(tenant(), ['environments'], 'qa').content).toBe(edited(TENANT, '[dev, staging, prod]', '[dev, staging, prod, qa]'));
    expect(addListItem(tenant(), ['environments'], 'a, b').content).toBe(edited(TENANT, '[dev, staging, prod]', '[dev, staging, prod, "a, b"]'));
  });

  it('makes the list where there is none: a missing key, `key:`, `key: []`', () => {
    expect(addListItem(tenant(), ['services', 'kafka', 'acls'], 'read').content).toBe(edited(TENANT, '        partitions: 12\n', '        partitions: 12\n    acls:\n      - read\n'));
    expect(addListItem(tenant('owners:\nname: x\n'), ['owners'], '@a').content).toBe('owners:\n  - "@a"\nname: x\n');
    expect(addListItem(tenant('owners: []  # none\n'), ['owners'], '@a').content).toBe('owners:   # none\n  - "@a"\n');
    expect(addListItem(tenant(''), [], 'a').content).toBe('- a\n');
  });

  it('refuses a map or a value where the list should be', () => {
    expect(refusal(() => addListItem(tenant(), ['services'], 'x')).message).toMatchInlineSnapshot(`"services in content/tenants/checkout.yaml is a map, not a list."`);
    expect(refusal(() => addListItem(tenant(), ['status'], 'x')).kind).toBe('unprocessable');
    expect(refusal(() => addListItem(tenant('a: &l [x]\nb: *l\n'), ['b'], 'y')).message).toMatchInlineSnapshot(`"b in content/tenants/checkout.yaml is an alias (*l); change it by hand."`);
  });
});

describe('removeListItem', () => {
  it('removes exactly the item’s lines, its own comments with it; the comment lines above it stay', () => {
    expect(removeListItem(tenant(), ['owners'], 1).content).toBe(edited(TENANT, "  - '@jonas-vogel'   # until March\n", ''));
    expect(removeListItem(tenant(), ['owners'], 0).content).toBe(edited(TENANT, '  - "@amira-haddad"\n', ''));
    const carts = removeListItem(tenant(), ['services', 'kafka', 'topics'], { name: 'carts' }).content;
    expect(carts).toBe(edited(TENANT, '      - name: carts\n        partitions: 12\n', ''));
    const orders = removeListItem(tenant(), ['services', 'kafka', 'topics'], (item) => (item as { partitions: number }).partitions > 40).content;
    expect(orders).toBe(edited(TENANT, '      - name: orders\n        partitions: 48   # keyed by order id\n', ''));
  });

  it('removes from a flow list with one comma', () => {
    expect(removeListItem(tenant(), ['environments'], 0).content).toBe(edited(TENANT, '[dev, staging, prod]', '[staging, prod]'));
    expect(removeListItem(tenant(), ['environments'], 1).content).toBe(edited(TENANT, '[dev, staging, prod]', '[dev, prod]'));
    expect(removeListItem(tenant(), ['environments'], 'prod').content).toBe(edited(TENANT, '[dev, staging, prod]', '[dev, staging]'));
    expect(removeListItem(tenant('k: [a]\n'), ['k'], 0).content).toBe('k: []\n');
  });

  it('leaves an empty list, not a key without a value, when the last item goes', () => {
    expect(removeListItem(tenant('owners:   # rota\n  - "@a"\nname: x\n'), ['owners'], 0).content).toBe('owners: []   # rota\nname: x\n');
    expect(removeListItem(tenant('- a\n'), [], 0).content).toBe('[]\n');
  });

  it('refuses no match, several matches and a missing list', () => {
    expect(refusal(() => removeListItem(tenant(), ['owners'], { name: 'x' }))).toMatchObject({ kind: 'not-found', message: 'No item of owners in content/tenants/checkout.yaml matches; nothing to remove.' });
    expect(refusal(() => removeListItem(tenant(), ['services', 'kafka', 'topics'], () => true))).toMatchObject({ kind: 'unprocessable', message: '2 items of services.kafka.topics in content/tenants/checkout.yaml match; name one.' });
    expect(refusal(() => removeListItem(tenant(), ['teams'], 0)).kind).toBe('not-found');
  });
});

describe('addFile', () => {
  it('writes a template as YAML under its comment, every kind of line break starting a comment line', () => {
    const change = addFile({ path: 'content/tenants/new.yaml' }, { value: { name: 'New', owners: ['@a'], quotas: { kafka: { partitions: 12 } } }, comment: 'Tenant file for New.\nAdded by request x\u0085status: active' });
    expect(change).toEqual({ path: 'content/tenants/new.yaml', content: '# Tenant file for New.\n# Added by request x\n# status: active\n\nname: New\nowners:\n  - "@a"\nquotas:\n  kafka:\n    partitions: 12\n' });
  });

  it('writes text as it is', () => {
    expect(addFile({ path: 'content/notes/a.md' }, '# Title\n\nText.\n')).toEqual({ path: 'content/notes/a.md', content: '# Title\n\nText.\n' });
  });

  it('refuses a file that exists (a conflict), and a value its schema refuses', () => {
    expect(refusal(() => addFile(tenant(), 'x: 1\n'))).toMatchObject({ kind: 'conflict', message: 'content/tenants/checkout.yaml already exists.' });
    const schema = z.object({ name: z.string().max(3) });
    expect(refusal(() => addFile({ path: 'a.yaml' }, { value: { name: 'toolong' }, schema }))).toMatchObject({ kind: 'unprocessable', problems: [{ file: 'a.yaml', path: 'name' }] });
  });

  it('never writes YAML text that does not parse', () => {
    expect(thrown(() => addFile({ path: 'a.yaml' }, 'a: [1\n'))).toBeInstanceOf(ChangeNotApplied);
    expect(thrown(() => addFile({ path: 'a.yaml' }, 'a: 1\n---\nb: 2\n'))).toBeInstanceOf(ChangeNotApplied);
  });

  it('refuses values that are not data', () => {
    expect(thrown(() => addFile({ path: 'a.yaml' }, { value: { when: new Date(0) } }))).toBeInstanceOf(TypeError);
    expect(thrown(() => addFile({ path: 'a.yaml' }, { value: { text: '\ud800' } }))).toBeInstanceOf(TypeError);
  });
});

describe('removeFile', () => {
  it('is a deletion of the blob the base branch has', () => {
    expect(removeFile(tenant())).toEqual({ path: PATH, content: null, previousSha: 'base-sha' });
    expect(refusal(() => removeFile({ path: PATH })).kind).toBe('not-found');
  });

  it('shows in a preview as a deleted file, diffed to nothing', () => {
    const offboarding: RequestType<z.ZodObject<{ slug: z.ZodString }>> = {
      type: 'offboarding',
      title: 'Offboard',
      description: 'Removes a tenant file.',
      schema: z.object({ slug: z.string() }),
      example: { slug: 'checkout' },
      reads: () => [PATH],
      build: (_, files) => ({ branch: 'b', title: 't', body: 'b', labels: [], commitMessage: 'm', mode: 'single', files: [removeFile(fileIn(files, PATH))] }),
    };
    const result = buildPreview(offboarding, { slug: 'checkout' }, new Map([[PATH, { content: 'a: 1\n', sha: 's' }]]), {} as BuildContext);
    if (!result.ok) throw result.refused;
    expect(result.preview.files).toEqual([{ path: PATH, status: 'deleted', content: '', diff: `--- a/${PATH}\n+++ /dev/null\n@@ -1,1 +0,0 @@\n-a: 1\n` }]);
  });
});

/**
 * `requests.forms` of portal.config.ts, components of a site's own for the forms made from a
 * request type's schema: its shape is checked as the config loads, and each entry against the site
 * as the build starts (config/request-forms.ts): the type offered and with a form made from
 * its schema, the field a top-level field of that schema, the file there. The words are snapshotted.
 */
import { describe, expect, it } from 'vitest';
import path from 'node:path';
import { z } from 'zod';
import { definePortalConfig, PortalConfigError } from '../../packages/platform-portal/src/config/index.ts';
import { capacity, defineRequestType, onboarding } from '../../packages/platform-portal/src/requests-api.ts';
import { requestFormFiles, requestFormProblems } from '../../packages/platform-portal/src/config/request-forms.ts';
import { formComponentsModule } from '../../packages/platform-portal/src/integration/virtual-modules.ts';
import { formPages } from '../../packages/platform-portal/src/integration/routes.ts';
import kafkaTopic from '../fixtures/custom-type/requests/kafka-topic.ts';
import { fixture } from '../helpers/fixtures.ts';

const root = fixture('custom-type');
const site = { root, formPages: formPages() };
const base = { title: 'Acme Portal', description: 'Docs and self-service.', site: 'https://portal.example.com', team: 'Acme Platform', github: { repository: 'acme/portal' } };

/** A type with a nested object, whose group of fields takes no component of its own. */
const bucket = defineRequestType({
  ...kafkaTopic,
  type: 'bucket',
  schema: z.object({ name: z.string(), lifecycle: z.object({ days: z.int() }).optional() }),
  example: { name: 'invoices' },
  reads: () => [],
  build: () => {
    throw new Error('not built in this test');
  },
});

const withForms = (forms: object) => definePortalConfig({ ...base, requests: { types: [onboarding, capacity, kafkaTopic, bucket], forms } as never });

describe('requests.forms', () => {
  it('names each component of the site by its absolute path, from the site’s root', () => {
    const portal = withForms({ 'kafka-topic': { fields: { name: './src/forms/TopicNameField.tsx' } } });
    expect(requestFormFiles(portal, site)).toEqual({ 'kafka-topic': { component: undefined, fields: { name: path.join(root, 'src/forms/TopicNameField.tsx') } } });
    expect(withForms({}).requests.forms).toEqual({});
  });

  it('refuses, at once and naming each config field, an unknown type, a type with a page of the engine’s own, an unknown field, a group and a missing file', () => {
    const portal = withForms({
      'kafka-topc': { fields: { name: './src/forms/TopicNameField.tsx' } },
      capacity: { component: './src/forms/Planner.tsx' },
      'kafka-topic': { component: './src/forms/TopicWizard.tsx', fields: { nmae: './src/forms/TopicNameField.tsx', partitions: './src/forms/Slider.tsx' } },
      bucket: { fields: { lifecycle: './src/forms/TopicNameField.tsx' } },
    });
    expect(requestFormProblems(portal, site).length).toBe(6);
    expect(() => requestFormFiles(portal, site)).toThrow(PortalConfigError);
    expect(() => requestFormFiles(portal, site)).toThrowErrorMatchingInlineSnapshot(`
      [PortalConfigError: portal.config.ts has 6 problem(s):
        - portal.config.ts → requests.forms.kafka-topc: The site offers no request type "kafka-topc"; name one of requests.types (onboarding, capacity, kafka-topic, bucket).
        - portal.config.ts → requests.forms.capacity: The form of "capacity" is a page of the portal’s own, not one made from its schema; leave "capacity" out of requests.forms.
        - portal.config.ts → requests.forms.kafka-topic.component: There is no file ./src/forms/TopicWizard.tsx in the site; give the component’s path from the site’s root, where portal.config.ts is.
        - portal.config.ts → requests.forms.kafka-topic.fields.nmae: The schema of "kafka-topic" has no top-level field "nmae"; name one of tenant, name, partitions, retention_days, cleanup, justification.
        - portal.config.ts → requests.forms.kafka-topic.fields.partitions: There is no file ./src/forms/Slider.tsx in the site; give the component’s path from the site’s root, where portal.config.ts is.
        - portal.config.ts → requests.forms.bucket.fields.lifecycle: The field "lifecycle" of "bucket" is a group of fields (an object), which takes no component of its own; give the whole form one instead (requests.forms.bucket.component).]
    `);
  });

  it('refuses, as the config loads, a component that is not a path from the site’s root to a React file', () => {
    expect(() => withForms({ 'kafka-topic': { fields: { name: 'src/forms/TopicNameField.tsx' } } })).toThrowErrorMatchingInlineSnapshot(`
      [PortalConfigError: portal.config.ts has 1 problem(s):
        - portal.config.ts → requests.forms.kafka-topic.fields.name: Give the path of a React component file from the site’s root, e.g. ./src/forms/TopicNameField.tsx.]
    `);
    expect(() => withForms({ 'kafka-topic': { component: './src/forms/TopicForm.astro' } })).toThrow(/requests\.forms\.kafka-topic\.component: Give the path of a React component file/);
    expect(() => withForms({ 'kafka-topic': { fields: { name: './a.tsx' }, field: {} } })).toThrow(PortalConfigError);
  });
});

describe('virtual:platform-portal/form-components', () => {
  it('imports each component once, and maps them by type and field', () => {
    expect(formComponentsModule({ 'kafka-topic': { component: '/site/src/forms/TopicForm.tsx', fields: { name: '/site/src/forms/TopicNameField.tsx' } }, bucket: { fields: {} } })).toMatchInlineSnapshot(`
      "import Component0 from "/site/src/forms/TopicNameField.tsx";
      import Component1 from "/site/src/forms/TopicForm.tsx";
      export const formComponents = { "kafka-topic": { component: Component1, fields: { "name": Component0 } }, "bucket": { component: undefined, fields: {  } } };
      "
    `);
  });
});

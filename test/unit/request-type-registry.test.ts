/**
 * Request types as a site's configuration: `defineRequestType` checks a definition as it is made,
 * `requests.types` in portal.config.ts lists the types a site offers (the built-in ones when it lists
 * none), and every part that takes a type asks the registry.
 */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineRequestType, RequestTypeError, onboarding, capacity, feedback, addFile, fileIn, requestBody } from '../../packages/platform-portal/src/requests-api.ts';
import { definePortalConfig, PortalConfigError } from '../../packages/platform-portal/src/config/index.ts';
import { findRequestType, requestFormHref, requestTypesOf, unknownTypeMessage } from '../../packages/platform-portal/src/requests/registry.ts';

const base = { title: 'Acme Portal', description: 'Docs and self-service.', site: 'https://portal.example.com', team: 'Acme Platform', github: { repository: 'acme/portal' } };

const topic = defineRequestType({
  type: 'kafka-topic',
  title: 'Create a Kafka topic',
  description: 'Adds content/topics/<name>.yaml.',
  schema: z.object({ name: z.string().regex(/^[a-z][a-z0-9.-]*$/).describe('Name of the topic.') }),
  example: { name: 'orders.created' },
  reads: (request) => [`content/topics/${request.name}.yaml`],
  build(request, files, context) {
    const path = `content/topics/${request.name}.yaml`;
    return {
      branch: `${context.config.branchPrefix}/kafka-topic/${request.name}`,
      title: `Create the Kafka topic ${request.name}`,
      body: requestBody({ type: 'kafka-topic', context, intro: 'A new topic.', rows: [['Topic', request.name]] }),
      labels: ['portal-request', ...context.config.labels],
      commitMessage: `Create the Kafka topic ${request.name}\n\nPortal-Request: ${context.requestId}`,
      mode: 'single',
      files: [addFile(fileIn(files, path), { value: { name: request.name } })],
    };
  },
});

describe('defineRequestType', () => {
  it('returns the definition it was given, typed', () => {
    expect(topic.type).toBe('kafka-topic');
    expect(topic.reads({ name: 'a' })).toEqual(['content/topics/a.yaml']);
  });

  it('refuses a definition without a build, naming the field and the fix', () => {
    const broken = { ...topic, build: undefined } as unknown as Parameters<typeof defineRequestType>[0];
    expect(() => defineRequestType(broken)).toThrow(RequestTypeError);
    expect(() => defineRequestType(broken)).toThrow(/build: Give the request type a `build\(request, files, context\)` function/);
  });

  it('refuses a name that cannot be a URL segment or a branch folder', () => {
    expect(() => defineRequestType({ ...topic, type: 'Kafka Topic' })).toThrow(/type: Name a request type with lowercase letters/);
  });

  it('refuses an example its own schema does not accept, naming the example field', () => {
    expect(() => defineRequestType({ ...topic, example: { name: 'Orders!' } })).toThrow(/example → name/);
  });
});

describe('requests.types', () => {
  it('keeps the built-in types when a site lists none', () => {
    expect(requestTypesOf(definePortalConfig(base)).map((t) => t.type)).toEqual(['onboarding', 'capacity', 'feedback']);
  });

  it('offers exactly the types a site lists, in its order, its own among them', () => {
    const portal = definePortalConfig({ ...base, requests: { types: [feedback, topic] } });
    expect(requestTypesOf(portal).map((t) => t.type)).toEqual(['feedback', 'kafka-topic']);
    expect(findRequestType(portal, 'kafka-topic')?.title).toBe('Create a Kafka topic');
    expect(findRequestType(portal, 'onboarding')).toBeUndefined();
    expect(unknownTypeMessage(portal, 'onboarding')).toBe('There is no request type "onboarding"; this portal takes feedback, kafka-topic.');
  });

  it('links to the form of a type the site offers, filled in, and to none of a type it drops', () => {
    const portal = definePortalConfig({ ...base, requests: { types: [onboarding, capacity] } });
    expect(requestFormHref(portal, 'onboarding')).toBe('/request/onboarding/');
    expect(requestFormHref(portal, 'capacity', { tenant: 'checkout', service: 'kafka', unit: 'storage_gb', value: 2000 })).toBe(
      '/request/capacity/?tenant=checkout&service=kafka&unit=storage_gb&value=2000',
    );
    expect(requestFormHref(portal, 'capacity', { tenant: 'checkout', value: undefined })).toBe('/request/capacity/?tenant=checkout');
    expect(requestFormHref(portal, 'feedback')).toBeUndefined();
    expect(requestFormHref(portal, 'feedback', { page: '/guides/' })).toBeUndefined();
  });

  it('refuses a type listed twice, naming its place in the list', () => {
    expect(() => definePortalConfig({ ...base, requests: { types: [onboarding, capacity, onboarding] } })).toThrow(PortalConfigError);
    expect(() => definePortalConfig({ ...base, requests: { types: [onboarding, capacity, onboarding] } })).toThrow(/requests\.types\[2\]\.type: The request type "onboarding" is listed twice/);
  });

  it('refuses an entry that is not a request type', () => {
    expect(() => definePortalConfig({ ...base, requests: { types: [{ type: 'x' }] as never } })).toThrow(/requests\.types\[0\]\.build: Give the request type a `build\(request, files, context\)` function/);
  });
});

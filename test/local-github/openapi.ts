/**
 * Validates answers of the local GitHub against GitHub's own OpenAPI description
 * (@octokit/openapi, api.github.com.json): the 2xx JSON schema of the same path and method.
 * OpenAPI 3.0's `nullable` is rewritten into JSON Schema (`type: [t, "null"]`) for Ajv.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

const SKIP = new Set(['nullable', 'example', 'examples', 'x-github', 'deprecated', 'discriminator', 'readOnly', 'writeOnly', 'xml']);

function isObject(value: Json | undefined): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** OpenAPI 3.0 schema -> JSON Schema (nullable, and keywords Ajv does not know). */
export function toJsonSchema(node: Json): Json {
  if (Array.isArray(node)) return node.map(toJsonSchema);
  if (!isObject(node)) return node;
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(node)) {
    if (SKIP.has(key)) continue;
    if (key === 'properties' && isObject(value)) {
      // Keys of `properties` are property names, not keywords: keep them all.
      out[key] = Object.fromEntries(Object.entries(value).map(([name, schema]) => [name, toJsonSchema(schema)]));
    } else {
      out[key] = toJsonSchema(value);
    }
  }
  if (node.nullable === true) {
    if (typeof out.type === 'string') {
      out.type = [out.type, 'null'];
      if (Array.isArray(out.enum)) out.enum = [...out.enum, null];
      return out;
    }
    return { anyOf: [out, { type: 'null' }] };
  }
  return out;
}

interface OpenApi {
  paths: Record<string, Record<string, { responses: Record<string, Json> }>>;
  components: { schemas: JsonObject; responses: JsonObject };
}

export class GitHubSchemas {
  readonly #spec: OpenApi;
  readonly #ajv: Ajv;
  readonly #compiled = new Map<string, ValidateFunction | null>();
  /** "METHOD template status" of every answer validated so far. */
  readonly validated = new Set<string>();

  constructor() {
    const require = createRequire(import.meta.url);
    const root = dirname(require.resolve('@octokit/openapi/package.json'));
    this.#spec = JSON.parse(readFileSync(join(root, 'generated/api.github.com.json'), 'utf8')) as OpenApi;
    this.#ajv = new Ajv({ strict: false, validateSchema: false, allErrors: true });
    addFormats(this.#ajv);
    this.#ajv.addSchema({ $id: 'gh', components: { schemas: toJsonSchema(this.#spec.components.schemas) } });
  }

  /** The 2xx schema GitHub documents for this route and status, or null when it has no body. */
  #validator(method: string, template: string, status: number): ValidateFunction | null {
    const key = `${method.toUpperCase()} ${template} ${status}`;
    if (this.#compiled.has(key)) return this.#compiled.get(key) ?? null;
    const operation = this.#spec.paths[template]?.[method.toLowerCase()];
    if (!operation) throw new Error(`GitHub's OpenAPI description has no ${method} ${template}`);
    let response = operation.responses[String(status)];
    if (response === undefined) throw new Error(`GitHub never answers ${method} ${template} with ${status}`);
    if (isObject(response) && typeof response.$ref === 'string') {
      response = this.#spec.components.responses[response.$ref.split('/').pop() ?? ''] ?? null;
    }
    const content = isObject(response) && isObject(response.content) ? response.content['application/json'] : undefined;
    const schema = isObject(content) ? content.schema : undefined;
    const validate = schema === undefined ? null : this.#compile(schema);
    this.#compiled.set(key, validate);
    return validate;
  }

  #compile(schema: Json): ValidateFunction {
    // Local "#/components/..." refs point into the document registered as "gh".
    const text = JSON.stringify(toJsonSchema(schema)).replaceAll('"#/components/', '"gh#/components/');
    return this.#ajv.compile(JSON.parse(text) as object);
  }

  /** The documented template of a concrete URL (Octokit's paginate follows `link` URLs). */
  #templateFor(method: string, url: string): string {
    const path = new URL(url).pathname;
    const candidates = Object.keys(this.#spec.paths).filter((template) => {
      if (!this.#spec.paths[template]?.[method.toLowerCase()]) return false;
      const pattern = template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{[^}]+\}/g, '[^/]+');
      return new RegExp(`^${pattern}$`).test(path);
    });
    // The most literal template wins: /pulls/{n}/files over /{a}/{b}/{c}.
    candidates.sort((a, b) => (a.match(/\{/g)?.length ?? 0) - (b.match(/\{/g)?.length ?? 0));
    if (!candidates[0]) throw new Error(`No documented route for ${method} ${path}`);
    return candidates[0];
  }

  /** Throws with Ajv's errors when `body` does not match what GitHub documents. */
  check(method: string, url: string, status: number, body: unknown): void {
    const template = /^https?:/.test(url) ? this.#templateFor(method, url) : url;
    const validate = this.#validator(method, template, status);
    this.validated.add(`${method.toUpperCase()} ${template} ${status}`);
    if (validate === null || validate(body)) return;
    const errors = (validate.errors ?? [])
      .slice(0, 8)
      .map((error) => `${error.instancePath || '/'} ${error.message ?? ''} ${JSON.stringify(error.params)}`);
    throw new Error(`${method} ${template} ${status} does not match GitHub's schema:\n${errors.join('\n')}`);
  }
}

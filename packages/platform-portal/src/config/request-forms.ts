/**
 * `requests.forms` of portal.config.ts against the site as it is: each type offered and with a form
 * made from its schema, each field one of that schema's top-level fields, each file there. The
 * configuration checked the shape as it loaded (schemas/request-forms.ts); this needs the site's
 * root and its files, so the build (before Vite is up) and `platform-portal check` ask here, and
 * say every problem at once.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { z } from 'zod';
import { CONFIG_FILE, PortalConfigError } from './index.ts';
import { formatProblems, type Problem } from '../lib/problems.ts';
import { topLevelFields } from '../lib/form-model.ts';
import { requestTypesOf } from '../requests/registry.ts';
import type { PortalConfig } from '../schemas/site-config.ts';

/** The site's form components of one request type, each by its absolute path, for the virtual module. */
export interface FormComponentFiles {
  component?: string | undefined;
  fields: Record<string, string>;
}

interface Site {
  /** The site's root, where portal.config.ts is: the paths start there, as Starlight's `components` do. */
  root: string;
  /** The request types whose form is a page of the engine's own (integration/routes.ts: formPages). */
  formPages: readonly string[];
}

const list = (names: readonly string[]) => names.join(', ');

/** What is wrong with `requests.forms`, a problem per entry, each naming its config field and the fix. */
export function requestFormProblems(portal: Pick<PortalConfig, 'requests'>, site: Site): Problem[] {
  const types = requestTypesOf(portal);
  const problems: Problem[] = [];
  const problem = (at: string, message: string) => problems.push({ file: CONFIG_FILE, path: `requests.forms.${at}`, message });
  const missing = (at: string, file: string) => {
    if (!existsSync(path.resolve(site.root, file))) problem(at, `There is no file ${file} in the site; give the component’s path from the site’s root, where ${CONFIG_FILE} is.`);
  };
  for (const [name, form] of Object.entries(portal.requests.forms)) {
    const type = types.find((t) => t.type === name);
    if (!type) {
      problem(name, `The site offers no request type "${name}"; name one of requests.types (${list(types.map((t) => t.type))}).`);
      continue;
    }
    if (site.formPages.includes(name)) {
      problem(name, `The form of "${name}" is a page of the portal’s own, not one made from its schema; leave "${name}" out of requests.forms.`);
      continue;
    }
    if (form.component) missing(`${name}.component`, form.component);
    const known = topLevelFields(type.schema as z.ZodType);
    for (const [field, file] of Object.entries(form.fields)) {
      const at = `${name}.fields.${field}`;
      const found = known.find((k) => k.key === field);
      if (!found) problem(at, `The schema of "${name}" has no top-level field "${field}"; name one of ${list(known.map((k) => k.key))}.`);
      // A group's value is its fields' values: a component of its own would have none to hold.
      else if (found.group) problem(at, `The field "${field}" of "${name}" is a group of fields (an object), which takes no component of its own; give the whole form one instead (requests.forms.${name}.component).`);
      else missing(at, file);
    }
  }
  return problems;
}

/**
 * The site's form components, each by its absolute path; throws PortalConfigError, naming every
 * problem of `requests.forms`, when one is not there.
 */
export function requestFormFiles(portal: Pick<PortalConfig, 'requests'>, site: Site): Record<string, FormComponentFiles> {
  const problems = requestFormProblems(portal, site);
  if (problems.length > 0) throw new PortalConfigError(formatProblems(`${CONFIG_FILE} has ${problems.length} problem(s):`, problems));
  const absolute = (file: string) => path.resolve(site.root, file);
  return Object.fromEntries(
    Object.entries(portal.requests.forms).map(([name, form]) => [
      name,
      { component: form.component && absolute(form.component), fields: Object.fromEntries(Object.entries(form.fields).map(([field, file]) => [field, absolute(file)])) },
    ]),
  );
}

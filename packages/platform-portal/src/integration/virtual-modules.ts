import type { FormComponentFiles } from '../config/request-forms.ts';

/** The site's configuration, for the portal's pages: `import portal from 'virtual:platform-portal/config'`. */
export const CONFIG_MODULE = 'virtual:platform-portal/config';
/** Whether this build runs the accelerations (see accel/versions.ts): `import { accelerated } from ...`. */
export const ACCEL_MODULE = 'virtual:platform-portal/accel';

/**
 * The moment the build started, to the minute (`import { builtAt } from ...`): every page of a build
 * tells the status as of the same moment, also when pages render in worker threads. `null` in
 * `astro dev`, where the status is as of each request.
 */
export const BUILD_MODULE = 'virtual:platform-portal/build';

/** The request types whose form is a page of the engine's own: `import { formPages } from ...`; the others get the generic form. */
export const FORMS_MODULE = 'virtual:platform-portal/forms';

/**
 * The site's own form components (`requests.forms`), imported statically, as an island needs them:
 * `import { formComponents } from ...`, by request type, `{ component?, fields: { name: Component } }`.
 */
export const FORM_COMPONENTS_MODULE = 'virtual:platform-portal/form-components';

interface Options {
  configFile: string;
  accelerated: boolean;
  /** ISO time the build started, to the minute; null outside a build. */
  builtAt: string | null;
  formPages: readonly string[];
  /** The site's form components by request type, each by its absolute path (config/request-forms.ts). */
  formComponents: Record<string, FormComponentFiles>;
}

/**
 * The module of the site's form components: one import per file, as Starlight's
 * `virtual:starlight/components/*` import the site's overrides, then a map by type and field.
 */
export function formComponentsModule(forms: Record<string, FormComponentFiles>): string {
  const imports: string[] = [];
  const use = (file: string) => {
    const name = `Component${imports.length}`;
    imports.push(`import ${name} from ${JSON.stringify(file)};`);
    return name;
  };
  const entries = Object.entries(forms).map(([type, form]) => {
    const fields = Object.entries(form.fields).map(([field, file]) => `${JSON.stringify(field)}: ${use(file)}`);
    return `${JSON.stringify(type)}: { component: ${form.component ? use(form.component) : 'undefined'}, fields: { ${fields.join(', ')} } }`;
  });
  return `${imports.join('\n')}\nexport const formComponents = { ${entries.join(', ')} };\n`;
}

/** Hands the site's config file and the build's decisions to the portal's pages, as Starlight does its own. */
export function virtualModules(options: Options) {
  const modules: Record<string, string> = {
    [CONFIG_MODULE]: `export { default } from ${JSON.stringify(options.configFile)};`,
    [ACCEL_MODULE]: `export const accelerated = ${JSON.stringify(options.accelerated)};`,
    [BUILD_MODULE]: `export const builtAt = ${JSON.stringify(options.builtAt)};`,
    [FORMS_MODULE]: `export const formPages = ${JSON.stringify(options.formPages)};`,
    [FORM_COMPONENTS_MODULE]: formComponentsModule(options.formComponents),
  };
  return {
    name: 'platform-portal:virtual-modules',
    resolveId: (id: string) => (id in modules ? `\0${id}` : undefined),
    load: (id: string) => (id.startsWith('\0') ? modules[id.slice(1)] : undefined),
  };
}

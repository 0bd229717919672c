/** The site's configuration, for the portal's pages: `import portal from 'virtual:platform-portal/config'`. */
export const CONFIG_MODULE = 'virtual:platform-portal/config';
/** Whether this build runs the accelerations (see accel/versions.ts): `import { accelerated } from ...`. */
export const ACCEL_MODULE = 'virtual:platform-portal/accel';

/** The request types whose form is a page of the engine's own: `import { formPages } from ...`; the others get the generic form. */
export const FORMS_MODULE = 'virtual:platform-portal/forms';

/** Hands the site's config file and the build's decisions to the portal's pages, as Starlight does its own. */
export function virtualModules(options: { configFile: string; accelerated: boolean; formPages: readonly string[] }) {
  const modules: Record<string, string> = {
    [CONFIG_MODULE]: `export { default } from ${JSON.stringify(options.configFile)};`,
    [ACCEL_MODULE]: `export const accelerated = ${JSON.stringify(options.accelerated)};`,
    [FORMS_MODULE]: `export const formPages = ${JSON.stringify(options.formPages)};`,
  };
  return {
    name: 'platform-portal:virtual-modules',
    resolveId: (id: string) => (id in modules ? `\0${id}` : undefined),
    load: (id: string) => (id.startsWith('\0') ? modules[id.slice(1)] : undefined),
  };
}

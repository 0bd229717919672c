import { fileURLToPath } from 'node:url';
import { glob, type Loader } from 'astro/loaders';
import { docsSchema } from '@astrojs/starlight/schema';
import type { z } from 'zod';
import { DocsPageFields, docsPageFieldsWith, kindOfDocsPath } from '../schemas/docs-page.ts';
import { accelerateDocsLoad, forgetAcceleratedEntries, sharedDocsSchema } from '../accel/docs-loading.ts';
import { accelSupport } from '../accel/versions.ts';
import { CONTENT_KINDS, kindBase } from './layout.ts';

/**
 * Starlight's docs loader only reads src/content/docs; this is the same glob over content/docs.
 * It sets `kind` from the folder, so that the runbook fields are required exactly under runbooks/.
 * Where the accelerations run, it also keeps each page's HTML in a file and renders Markdown on two
 * threads during a build (see accel/docs-loading.ts).
 */
export function docsLoader(): Loader {
  // No raw Markdown in the data store either: nothing reads it.
  const inner = glob({ base: kindBase('docs'), pattern: CONTENT_KINDS.docs.pattern, retainBody: false });
  return {
    name: 'portal-docs-loader',
    load: async (context) => {
      const accelerated = accelSupport(fileURLToPath(context.config.root)).enabled ? accelerateDocsLoad(context) : undefined;
      if (!accelerated) forgetAcceleratedEntries(context);
      await inner
        .load({
          ...context,
          ...accelerated?.context,
          parseData: (props) => {
            accelerated?.beforeParse(props.data);
            return context.parseData({ ...props, data: { ...props.data, kind: kindOfDocsPath(props.id) } });
          },
        })
        .finally(() => accelerated?.stop());
      await accelerated?.finish();
    },
  };
}

/** Named through Starlight's public docsSchema, so that the package's type declarations can name it too. */
export type DocsPageSchema = ReturnType<typeof docsSchema<typeof DocsPageFields>>;

/** Starlight's docs frontmatter with the portal's fields, and a site's own; typed as the portal's (see portalCollections). */
export function docsPageSchema(extend: z.ZodObject | undefined): DocsPageSchema {
  const build = docsSchema({ extend: extend ? (docsPageFieldsWith(extend.shape) as unknown as typeof DocsPageFields) : DocsPageFields });
  return accelSupport().enabled ? sharedDocsSchema(build) : build;
}

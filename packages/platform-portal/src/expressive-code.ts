/**
 * `platform-portal/expressive-code`: Expressive Code's configuration for a portal site, which the
 * site's ec.config.mjs re-exports (`export { default } from 'platform-portal/expressive-code';`):
 * there, and not in astro.config.mjs, it reaches Starlight's <Code> component too. The same plugins
 * in the same order as Expressive Code's defaults, but for syntax highlighting that tokenizes a
 * block once for all themes where the accelerations run (accel/versions.ts), and a terminal frame's
 * screen-reader label kept out of the search index.
 */
import { defineEcConfig, pluginFrames, pluginShiki, pluginTextMarkers } from '@astrojs/starlight/expressive-code';
import { pluginShikiOnce } from './accel/shiki-plugin.ts';
import { accelSupport } from './accel/versions.ts';
import { pluginUnindexedFrameLabels } from './starlight/unindexed-frame-labels.ts';

export default defineEcConfig({
  plugins: [accelSupport().enabled ? pluginShikiOnce() : pluginShiki(), pluginTextMarkers(), pluginFrames(), pluginUnindexedFrameLabels()],
});

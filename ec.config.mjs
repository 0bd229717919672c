// @ts-check
// Expressive Code's plugins, here rather than in astro.config.mjs so that its <Code> component gets
// them too (functions in astro.config.mjs do not reach it). Same plugins, in the same order, as
// Expressive Code's defaults, but for syntax highlighting that tokenizes a block once for all themes,
// and a terminal frame's screen-reader label kept out of the search index.
import { defineEcConfig, pluginFrames, pluginTextMarkers } from '@astrojs/starlight/expressive-code';
import { pluginShikiOnce } from './packages/platform-portal/src/accel/shiki-plugin.ts';
import { pluginUnindexedFrameLabels } from './packages/platform-portal/src/starlight/unindexed-frame-labels.ts';

export default defineEcConfig({
  plugins: [pluginShikiOnce(), pluginTextMarkers(), pluginFrames(), pluginUnindexedFrameLabels()],
});

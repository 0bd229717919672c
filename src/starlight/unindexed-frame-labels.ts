/**
 * Keeps the label Expressive Code gives an untitled terminal frame for screen readers ("Terminal
 * window", visually hidden) out of the search index. Pagefind indexes visually hidden text, so
 * without this every page with a shell block matches "terminal" and "window", and the label shows
 * up in result excerpts. Screen readers still get it.
 */
import { definePlugin } from '@astrojs/starlight/expressive-code';
import { selectAll } from '@astrojs/starlight/expressive-code/hast';

export function pluginUnindexedFrameLabels() {
  return definePlugin({
    name: 'portal:unindexed-frame-labels',
    hooks: {
      // Runs after the frames plugin, which adds the caption in this same hook.
      postprocessRenderedBlock: ({ renderData }) => {
        for (const label of selectAll('figcaption > .sr-only', renderData.blockAst)) label.properties.dataPagefindIgnore = true;
      },
    },
  });
}

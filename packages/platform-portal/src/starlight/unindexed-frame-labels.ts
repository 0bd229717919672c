/**
 * Keeps the label Expressive Code gives an untitled terminal frame for screen readers ("Terminal
 * window", visually hidden) out of the search index. Pagefind indexes visually hidden text, so
 * without this every page with a shell block matches "terminal" and "window", and the label shows
 * up in result excerpts. Screen readers still get it.
 */
import { definePlugin } from '@astrojs/starlight/expressive-code';
import { getClassNames, type Element, type ElementContent } from '@astrojs/starlight/expressive-code/hast';

const isElement = (node: ElementContent, tagName?: string): node is Element =>
  node.type === 'element' && (tagName === undefined || node.tagName === tagName);

export function pluginUnindexedFrameLabels() {
  return definePlugin({
    name: 'portal:unindexed-frame-labels',
    hooks: {
      // Runs after the frames plugin, which wraps the block in a <figure> with a <figcaption> in
      // this same hook. Only the figure's own children are looked at: a selector query walked every
      // token of every block, ~0.5 s of CPU at 1,000 pages.
      postprocessRenderedBlock: ({ renderData }) => {
        const caption = renderData.blockAst.children.find((node) => isElement(node, 'figcaption'));
        for (const node of caption?.children ?? []) {
          if (isElement(node) && getClassNames(node).includes('sr-only')) node.properties.dataPagefindIgnore = true;
        }
      },
    },
  });
}

// @ts-check
import { defineConfig } from 'astro/config';
import starlight from '@astrojs/starlight';
import react from '@astrojs/react';
import v8 from 'node:v8';
import portal from './portal.config.ts';
import { portalBuild } from './packages/platform-portal/src/accel/build-threads.ts';

// V8 lets the heap of a long build grow up to 4× between full collections, and most of that growth
// is garbage. At most 50% keeps a 1,000-page build with Pagefind's process beside it under 1 GiB
// (with MIMALLOC_ARENA_EAGER_COMMIT=0, see the README): ~0.95 GiB on Node 26 against ~1.1 with no
// limit. At 20% it runs ~40 full collections instead of ~20 and took ~1.5 s longer on Node 22.
// Node 26's young generation grows to 32 MB semi-spaces, twice Node 22's: 16 MB holds the peak
// ~30 MB lower at no time cost we could measure (README, Performance). The semi-space size reaches
// only heaps made after this line: the worker threads' (src/build/), not the main thread's.
v8.setFlagsFromString('--heap-growing-percent=50 --max-semi-space-size=16');

const repoUrl = `${portal.github.webUrl}/${portal.github.repository}`;

export default defineConfig({
  site: portal.site,
  trailingSlash: 'always',
  integrations: [
    starlight({
      title: portal.title,
      description: portal.description,
      social: [{ icon: 'github', label: 'GitHub', href: repoUrl }],
      editLink: { baseUrl: `${repoUrl}/edit/${portal.github.baseBranch}/` },
      // Navigation and last-updated dates come from our route middleware: Starlight's own only
      // reads src/content/docs, and its sidebar inlines every page into every page.
      sidebar: [],
      routeMiddleware: './src/starlight/route-middleware.ts',
      components: {
        PageTitle: './src/components/starlight/PageTitle.astro',
        Footer: './src/components/starlight/Footer.astro',
        Sidebar: './src/components/starlight/Sidebar.astro',
      },
      customCss: ['./src/styles/portal.css'],
      // Long lines wrap: a code block that scrolls sideways is a region keyboard users cannot reach.
      expressiveCode: { defaultProps: { wrap: true } },
      head: [{ tag: 'meta', attrs: { name: 'theme-color', content: '#0b1f3a' } }],
    }),
    react(),
    portalBuild(),
  ],
  // Pages in flight: rendering on either thread (SLOTS in src/build/parallel-prerender.ts) and
  // having their files written.
  build: { concurrency: 16 },
  vite: {
    environments: {
      // Content sync loads src/content.config.ts through Vite's module runner, which transforms
      // and runs Astro's and Starlight's modules one at a time (~15 ms each) unless they are
      // external: the config's imports from them came to ~70 modules and ~1.1 s before the first
      // page was read. External, Node loads them, most of them already loaded by Astro itself.
      // Only the `astro` environment, which Astro uses to run modules during sync and dev.
      astro: { resolve: { external: ['astro/content/config', 'astro/loaders', '@astrojs/starlight/loaders', '@astrojs/starlight/schema'] } },
    },
    build: {
      // Page scripts go to files of their own rather than inline into every page: fetched once
      // and cached, they keep each page's HTML small as readers move from page to page.
      assetsInlineLimit: (file) => (file.endsWith('.js') ? false : undefined),
      rolldownOptions: {
        // Astro puts a directive in a module it makes for each MDX page, and Rolldown warns once per
        // MDX file that it may not keep it: every Astro 7 site with MDX prints these
        // (withastro/astro#18087, open). Only the log line goes; every other warning still shows.
        onLog(level, log, handler) {
          if (level === 'warn' && log.code === 'MODULE_LEVEL_DIRECTIVE' && log.message.includes('"use astro:head-inject"')) return;
          handler(level, log);
        },
      },
    },
  },
});

// @ts-check
import { defineConfig } from 'astro/config';
import portal from 'platform-portal';

export default defineConfig({
  integrations: [portal()],
});

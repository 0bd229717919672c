import path from 'node:path';
import { REPO_ROOT } from './fixtures.ts';

/** The package's command, as a site's node_modules/.bin/platform-portal runs it. */
export const PORTAL_CLI = path.join(REPO_ROOT, 'packages/platform-portal/bin/platform-portal.js');

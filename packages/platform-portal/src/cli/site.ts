import { loadPortalConfig } from '../config/load.ts';
import type { PortalConfig } from '../schemas/site-config.ts';

/** The site a command runs in: the current folder, and its portal.config.ts when a command needs it. */
export interface Site {
  root: string;
  config(): Promise<PortalConfig>;
}

export function currentSite(root = process.cwd()): Site {
  let loaded: Promise<PortalConfig> | undefined;
  return {
    root,
    config: () => (loaded ??= loadPortalConfig(root)),
  };
}

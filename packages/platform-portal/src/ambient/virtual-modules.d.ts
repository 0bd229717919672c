declare module 'virtual:platform-portal/config' {
  const config: import('../schemas/site-config.ts').PortalConfig;
  export default config;
}

declare module 'virtual:platform-portal/accel' {
  export const accelerated: boolean;
}

declare module 'virtual:platform-portal/config' {
  const config: import('../schemas/site-config.ts').PortalConfig;
  export default config;
}

declare module 'virtual:platform-portal/forms' {
  /** The request types whose form is a page of the engine's own; the others get the generic form. */
  export const formPages: readonly string[];
}

declare module 'virtual:platform-portal/accel' {
  export const accelerated: boolean;
}

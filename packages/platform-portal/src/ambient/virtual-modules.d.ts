declare module 'virtual:platform-portal/config' {
  const config: import('../schemas/site-config.ts').PortalConfig;
  export default config;
}

declare module 'virtual:platform-portal/forms' {
  /** The request types whose form is a page of the engine's own; the others get the generic form. */
  export const formPages: readonly string[];
}

declare module 'virtual:platform-portal/build' {
  /** ISO time the build started, to the minute; null in `astro dev`. */
  export const builtAt: string | null;
}

declare module 'virtual:platform-portal/accel' {
  export const accelerated: boolean;
}

declare module 'virtual:platform-portal/form-components' {
  /** The site's own form components (`requests.forms`), by request type: the whole form's, and each field's by its name. */
  export const formComponents: Readonly<
    Record<string, { component: import('react').ComponentType<import('../islands/form-components.ts').FormComponentProps> | undefined; fields: import('../islands/form-components.ts').FieldComponents }>
  >;
}

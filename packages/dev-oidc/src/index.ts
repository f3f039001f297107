/**
 * Development only: a local OpenID Connect provider whose accounts are the demo users of
 * examples/catalog/org.yaml. Neither the backend nor the app depends on this package.
 */
export * from './accounts';
export { createDevOidcServer, providerConfiguration } from './provider';
export type { DevOidcOptions } from './provider';
export { DEV_DEFAULTS, settingsFromEnv } from './cli';

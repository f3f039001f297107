/* eslint-disable no-console */
import { resolve } from 'node:path';
import { loadDemoAccounts } from './accounts';
import { createDevOidcServer } from './provider';

/** Dev defaults, matching auth.providers.oidc.development in app-config.yaml. */
export const DEV_DEFAULTS = {
  host: '127.0.0.1',
  port: 7009,
  clientId: 'kubemate-backstage',
  clientSecret: 'kubemate-dev-oidc-secret',
  redirectUri: 'http://localhost:7007/api/auth/oidc/handler/frame',
};

const LOOPBACK = /^(127(\.\d{1,3}){3}|localhost|::1|\[::1\])$/;

export interface CliSettings {
  host: string;
  port: number;
  issuer: string;
  clientId: string;
  clientSecret: string;
  redirectUris: string[];
  catalogFile: string;
}

/** Settings from the environment (KUBEMATE_OIDC_*), with the dev defaults. */
export function settingsFromEnv(
  env: NodeJS.ProcessEnv,
  defaultCatalogFile = 'examples/catalog/org.yaml',
): CliSettings {
  const host = env.KUBEMATE_OIDC_HOST || DEV_DEFAULTS.host;
  const port = Number(env.KUBEMATE_OIDC_PORT || DEV_DEFAULTS.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(
      `KUBEMATE_OIDC_PORT: not a port: ${env.KUBEMATE_OIDC_PORT}`,
    );
  }
  if (!LOOPBACK.test(host)) {
    throw new Error(
      `KUBEMATE_OIDC_HOST=${host}: the demo OpenID Connect provider signs anybody in as any demo user and only listens on loopback`,
    );
  }
  const urlHost =
    host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
  return {
    host,
    port,
    issuer: env.KUBEMATE_OIDC_ISSUER || `http://${urlHost}:${port}`,
    clientId: env.KUBEMATE_OIDC_CLIENT_ID || DEV_DEFAULTS.clientId,
    clientSecret: env.KUBEMATE_OIDC_CLIENT_SECRET || DEV_DEFAULTS.clientSecret,
    redirectUris: (env.KUBEMATE_OIDC_REDIRECT_URIS || DEV_DEFAULTS.redirectUri)
      .split(',')
      .map(u => u.trim())
      .filter(Boolean),
    catalogFile: resolve(env.KUBEMATE_OIDC_CATALOG || defaultCatalogFile),
  };
}

export async function main(
  defaultCatalogFile?: string,
  env: NodeJS.ProcessEnv = process.env,
) {
  if (env.NODE_ENV === 'production') {
    throw new Error('the demo OpenID Connect provider is for development only');
  }
  const settings = settingsFromEnv(env, defaultCatalogFile);
  const accounts = loadDemoAccounts(settings.catalogFile);
  const { server } = await createDevOidcServer({
    issuer: settings.issuer,
    client: {
      id: settings.clientId,
      secret: settings.clientSecret,
      redirectUris: settings.redirectUris,
    },
    accounts,
  });
  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(settings.port, settings.host, () => resolveListen());
  });
  console.log(
    `demo OpenID Connect provider (development only) at ${
      settings.issuer
    }, client ${settings.clientId}; users: ${accounts
      .map(a => a.username)
      .join(', ')}`,
  );
  const stop = () => server.close(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

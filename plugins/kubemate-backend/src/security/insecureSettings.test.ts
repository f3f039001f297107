import { ConfigReader } from '@backstage/config';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse } from 'yaml';
import {
  assertSecureConfig,
  findInsecureSettings,
  isLoopbackUrl,
} from './insecureSettings';

type Env = Record<string, string | undefined>;

/**
 * Reads one of the repo's app-config files with environment substitution as Backstage does it:
 * `${VAR}` and `${VAR:-default}`, `$${` for a literal; a string whose variable is unset is
 * left out.
 */
function readAppConfig(file: string, env: Env) {
  const substitute = (value: unknown): unknown => {
    if (typeof value === 'string') {
      let missing = false;
      const out = value.replace(
        /\$?\$\{(\w+)(?::-([^}]*))?\}/g,
        (match, name: string, fallback?: string) => {
          if (match.startsWith('$$')) return match.slice(1);
          const v = env[name] ?? fallback;
          if (v === undefined) missing = true;
          return v ?? '';
        },
      );
      return missing ? undefined : out;
    }
    if (Array.isArray(value)) return value.map(substitute);
    if (value && typeof value === 'object') {
      return Object.fromEntries(
        Object.entries(value)
          .map(([k, v]) => [k, substitute(v)])
          .filter(([, v]) => v !== undefined),
      );
    }
    return value;
  };
  const data = parse(
    readFileSync(resolve(__dirname, '../../../..', file), 'utf8'),
  );
  return { data: substitute(data) as Record<string, any>, context: file };
}

const PRODUCTION_ENV: Env = {
  APP_BASE_URL: 'https://portal.example.com',
  BACKEND_BASE_URL: 'https://portal.example.com',
  KUBEMATE_INGEST_TOKEN: 'b2f6c3a1e9d84f7aa0c15e2d9b7f4c61',
  POSTGRES_HOST: 'db.internal',
  POSTGRES_PORT: '5432',
  POSTGRES_USER: 'backstage',
  POSTGRES_PASSWORD: 's3cret-from-the-vault',
  CATALOG_LOCATION_URL: 'https://git.example.com/org/catalog/all.yaml',
  KUBERNETES_CLUSTER_NAME: 'prod-1',
  KUBERNETES_API_URL: 'https://k8s.example.com:6443',
  KUBERNETES_SERVICE_ACCOUNT_TOKEN: 'eyJhbGciOiJSUzI1NiJ9.prod',
  KUBERNETES_CA_DATA: 'LS0tLS1CRUdJTi',
};

/** What an admin adds to the production file: a real sign-in provider. */
const SIGN_IN = {
  data: { auth: { providers: { oidc: { production: { clientId: 'x' } } } } },
  context: 'sign-in',
};

const production = (env: Env, extra = [SIGN_IN]) =>
  ConfigReader.fromConfigs([
    readAppConfig('app-config.yaml', env),
    readAppConfig('app-config.production.yaml', env),
    ...extra,
  ]);

describe('findInsecureSettings', () => {
  it('accepts the shipped production config once its secrets and a sign-in provider are given', () => {
    expect(findInsecureSettings(production(PRODUCTION_ENV))).toEqual([]);
  });

  it('names every missing secret of the production config', () => {
    const problems = findInsecureSettings(
      production({
        ...PRODUCTION_ENV,
        KUBEMATE_INGEST_TOKEN: undefined,
        POSTGRES_PASSWORD: undefined,
        KUBERNETES_SERVICE_ACCOUNT_TOKEN: undefined,
      }),
    );
    expect(problems).toEqual([
      expect.stringMatching(
        /^backend\.auth\.externalAccess\[0\]\.options\.token: not set .*KUBEMATE_INGEST_TOKEN/,
      ),
      'kubernetes.clusterLocatorMethods[0].clusters[0].serviceAccountToken: not set',
      expect.stringMatching(
        /^backend\.database\.connection\.password: not set .*POSTGRES_PASSWORD/,
      ),
    ]);
  });

  it('refuses production without a sign-in provider', () => {
    expect(findInsecureSettings(production(PRODUCTION_ENV, []))).toEqual([
      'auth.providers: no sign-in provider is configured',
    ]);
  });

  it('lists everything that makes the development config unfit for production', () => {
    const problems = findInsecureSettings(
      new ConfigReader(readAppConfig('app-config.yaml', {}).data),
    );
    const keys = problems.map(p => p.split(':')[0]);
    expect(keys).toEqual([
      'auth.providers.guest',
      'auth.providers.oidc.development.clientSecret',
      'auth.providers.oidc.development.metadataUrl',
      'auth.session.secret',
      'backend.auth.externalAccess[0].options.token',
      'kubernetes.clusterLocatorMethods[0].clusters[0].skipTLSVerify',
      'kubernetes.clusterLocatorMethods[0].clusters[0].serviceAccountToken',
      'kubemate.permissionPolicy.roles[5]',
      'catalog.locations[0].target',
      'catalog.locations[1].target',
    ]);
  });

  it('refuses short tokens, unrestricted tokens and a lax default decision', () => {
    const problems = findInsecureSettings(
      new ConfigReader({
        auth: { providers: { github: { development: {} } } },
        backend: {
          auth: {
            externalAccess: [
              {
                type: 'static',
                options: { token: 'short', subject: 's' },
                accessRestrictions: [{ plugin: 'kubemate' }],
              },
            ],
          },
        },
        kubemate: { permissionPolicy: { defaultDecision: 'allow' } },
      }),
    );
    expect(problems).toEqual([
      'backend.auth.externalAccess[0].options.token: shorter than 24 characters',
      expect.stringMatching(
        /^backend\.auth\.externalAccess\[0\]\.accessRestrictions: /,
      ),
      expect.stringMatching(/^kubemate\.permissionPolicy\.defaultDecision: /),
    ]);
  });
});

describe('the demo OpenID Connect provider in production', () => {
  /** The demo's OIDC settings as app-config.yaml resolves them (dev defaults). */
  const demoOidc = readAppConfig('app-config.yaml', {}).data.auth.providers.oidc
    .development;

  it('is dropped by the shipped production config', () => {
    const config = production(PRODUCTION_ENV);
    expect(config.has('auth.providers.oidc.development')).toBe(false);
    expect(config.has('auth.session.secret')).toBe(false);
  });

  it('refuses the demo client secret and a loopback metadataUrl in production', () => {
    const problems = findInsecureSettings(
      production(PRODUCTION_ENV, [
        {
          data: { auth: { providers: { oidc: { production: demoOidc } } } },
          context: 'demo-oidc-in-production',
        },
      ]),
    );
    expect(problems).toEqual([
      expect.stringMatching(
        /^auth\.providers\.oidc\.production\.clientSecret: the committed demo client secret/,
      ),
      expect.stringMatching(
        /^auth\.providers\.oidc\.production\.metadataUrl: http:\/\/127\.0\.0\.1:7009\/\.well-known\/openid-configuration is on this machine/,
      ),
    ]);
  });

  it('refuses the demo block when a production config keeps it, and the demo session secret', () => {
    const keepsDemo = ConfigReader.fromConfigs([
      readAppConfig('app-config.yaml', {}),
      {
        data: {
          auth: {
            environment: 'production',
            providers: {
              guest: null,
              oidc: {
                production: {
                  metadataUrl:
                    'https://login.example.com/.well-known/openid-configuration',
                  clientId: 'portal',
                  clientSecret: 'from-the-vault-4b1e9c27d03f',
                },
              },
            },
          },
        },
        context: 'production-without-nulls',
      },
    ]);
    const keys = findInsecureSettings(keepsDemo)
      .map(p => p.split(':')[0])
      .filter(k => k.startsWith('auth.'));
    expect(keys).toEqual([
      'auth.providers.oidc.development.clientSecret',
      'auth.providers.oidc.development.metadataUrl',
      'auth.session.secret',
    ]);
  });

  it('does not count a provider configured for another environment only', () => {
    const problems = findInsecureSettings(
      new ConfigReader({
        auth: {
          environment: 'production',
          providers: {
            oidc: {
              development: {
                metadataUrl: 'https://login.example.com/.well-known/x',
              },
            },
          },
        },
      }),
    );
    expect(problems).toEqual([
      'auth.providers: no sign-in provider is configured',
    ]);
  });

  it('knows loopback URLs', () => {
    for (const url of [
      'http://127.0.0.1:7009/.well-known/openid-configuration',
      'http://127.1.2.3/x',
      'http://localhost:7009/x',
      'https://idp.localhost/x',
      'http://[::1]:7009/x',
      'http://0.0.0.0:7009/x',
      'http://[::ffff:127.0.0.1]/x',
    ]) {
      expect([url, isLoopbackUrl(url)]).toEqual([url, true]);
    }
    for (const url of [
      'https://login.example.com/.well-known/openid-configuration',
      'https://127.example.com/x',
      'not a url',
    ]) {
      expect([url, isLoopbackUrl(url)]).toEqual([url, false]);
    }
  });
});

describe('assertSecureConfig', () => {
  const devConfig = new ConfigReader(readAppConfig('app-config.yaml', {}).data);

  it('lets development and tests start with the demo settings', () => {
    expect(() => assertSecureConfig(devConfig, 'development')).not.toThrow();
    expect(() => assertSecureConfig(devConfig, 'test')).not.toThrow();
  });

  it('refuses to start in production, naming each setting', () => {
    expect(() => assertSecureConfig(devConfig, 'production')).toThrow(
      /Refusing to start[^]*auth\.providers\.guest[^]*skipTLSVerify/,
    );
    expect(() =>
      assertSecureConfig(production(PRODUCTION_ENV), 'production'),
    ).not.toThrow();
  });
});

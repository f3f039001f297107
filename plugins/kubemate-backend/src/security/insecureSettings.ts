import type { Config } from '@backstage/config';

/** Values committed for the demo; a production portal must never run with them. */
export const DEMO_SECRETS: readonly string[] = [
  'kubemate-dev-ingest-token',
  'kubemate-demo-admin-token',
  // The demo OpenID Connect provider's client (packages/dev-oidc) and the auth session.
  'kubemate-dev-oidc-secret',
  'kubemate-dev-session-secret',
];

/** Whether a URL points at this machine (the demo OpenID Connect provider listens there). */
export function isLoopbackUrl(url: string): boolean {
  let hostname: string;
  try {
    hostname = new URL(url).hostname.toLowerCase();
  } catch {
    return false;
  }
  return (
    hostname === 'localhost' ||
    hostname.endsWith('.localhost') ||
    /^127(\.\d{1,3}){3}$/.test(hostname) ||
    hostname === '0.0.0.0' ||
    hostname === '[::1]' ||
    hostname === '[::]' ||
    hostname.startsWith('[::ffff:127.') ||
    hostname.startsWith('[::ffff:7f')
  );
}

/** Shortest static token accepted in production (Backstage asks for at least this much entropy). */
const MIN_TOKEN_LENGTH = 24;

/**
 * Every setting that makes a configuration unfit for production, each naming its config key.
 * Empty means fit. Checked only where `NODE_ENV=production` (see `assertSecureConfig`), so
 * the demo keeps its guest and self-signed simulator.
 */
export function findInsecureSettings(config: Config): string[] {
  const problems: string[] = [];

  if (config.has('auth.providers.guest')) {
    problems.push(
      'auth.providers.guest: guest sign-in is for development; configure a real sign-in provider',
    );
  }
  // Backstage reads each provider's settings for the current environment only.
  const environment =
    config.getOptionalString('auth.environment') ?? 'development';
  const providers = config.getOptionalConfig('auth.providers');
  const providerIds = (providers?.keys() ?? []).filter(p => p !== 'guest');
  if (
    !providerIds.some(p => providers?.getOptionalConfig(p)?.has(environment))
  ) {
    problems.push('auth.providers: no sign-in provider is configured');
  }
  // The demo OpenID Connect provider: its client secret, or an identity provider on this
  // machine (in any environment of any provider, so a leftover demo block is refused too).
  for (const id of providerIds) {
    const provider = providers!.getOptionalConfig(id);
    for (const env of provider?.keys() ?? []) {
      const settings = provider!.getOptionalConfig(env);
      if (!settings) continue;
      const key = `auth.providers.${id}.${env}`;
      const secret = settings.getOptional('clientSecret');
      if (typeof secret === 'string' && DEMO_SECRETS.includes(secret)) {
        problems.push(
          `${key}.clientSecret: the committed demo client secret of the development OpenID Connect provider`,
        );
      }
      const metadataUrl = settings.getOptional('metadataUrl');
      if (typeof metadataUrl === 'string' && isLoopbackUrl(metadataUrl)) {
        problems.push(
          `${key}.metadataUrl: ${metadataUrl} is on this machine (the development OpenID Connect provider); use your identity provider`,
        );
      }
    }
  }
  const sessionSecret = config.getOptional('auth.session.secret');
  if (
    typeof sessionSecret === 'string' &&
    DEMO_SECRETS.includes(sessionSecret)
  ) {
    problems.push(
      'auth.session.secret: the committed demo session secret (set AUTH_SESSION_SECRET)',
    );
  }

  (config.getOptionalConfigArray('backend.auth.externalAccess') ?? []).forEach(
    (access, i) => {
      const key = `backend.auth.externalAccess[${i}]`;
      if (access.getOptionalString('type') !== 'static') return;
      const token = access.getOptionalString('options.token');
      if (!token) {
        problems.push(
          `${key}.options.token: not set (for the ingestion token: the KUBEMATE_INGEST_TOKEN environment variable)`,
        );
      } else if (DEMO_SECRETS.includes(token)) {
        problems.push(`${key}.options.token: the committed demo token`);
      } else if (token.length < MIN_TOKEN_LENGTH) {
        problems.push(
          `${key}.options.token: shorter than ${MIN_TOKEN_LENGTH} characters`,
        );
      }
      const restrictions =
        access.getOptionalConfigArray('accessRestrictions') ?? [];
      if (
        restrictions.length === 0 ||
        restrictions.some(r => !r.has('permission'))
      ) {
        problems.push(
          `${key}.accessRestrictions: each entry must name a plugin and the permissions the token needs (e.g. kubemate.inspection.ingest)`,
        );
      }
    },
  );

  (
    config.getOptionalConfigArray('kubernetes.clusterLocatorMethods') ?? []
  ).forEach((method, m) => {
    (method.getOptionalConfigArray('clusters') ?? []).forEach((cluster, c) => {
      const key = `kubernetes.clusterLocatorMethods[${m}].clusters[${c}]`;
      if (cluster.getOptionalBoolean('skipTLSVerify')) {
        problems.push(
          `${key}.skipTLSVerify: TLS verification must stay on (give caData or caFile instead)`,
        );
      }
      const auth = cluster.getOptionalString('authProvider');
      const token = cluster.getOptionalString('serviceAccountToken');
      if (auth === 'serviceAccount' && !token) {
        problems.push(`${key}.serviceAccountToken: not set`);
      } else if (token && DEMO_SECRETS.includes(token)) {
        problems.push(`${key}.serviceAccountToken: the committed demo token`);
      }
    });
  });

  const database = config.getOptionalConfig('backend.database');
  if (
    database?.getOptionalString('client') === 'pg' &&
    typeof database.getOptional('connection') === 'object' &&
    !database.has('connection.password')
  ) {
    problems.push(
      'backend.database.connection.password: not set (the POSTGRES_PASSWORD environment variable)',
    );
  }

  if (
    config.getOptionalString('kubemate.permissionPolicy.defaultDecision') ===
    'allow'
  ) {
    problems.push(
      'kubemate.permissionPolicy.defaultDecision: must be deny (grant what is needed through roles)',
    );
  }
  (
    config.getOptionalConfigArray('kubemate.permissionPolicy.roles') ?? []
  ).forEach((role, i) => {
    if (role.getOptionalString('name')?.endsWith('-demo')) {
      problems.push(
        `kubemate.permissionPolicy.roles[${i}]: the demo role '${role.getString(
          'name',
        )}'`,
      );
    }
  });

  (config.getOptionalConfigArray('catalog.locations') ?? []).forEach(
    (location, i) => {
      const target = location.getOptionalString('target') ?? '';
      if (/(^|\/)examples\/catalog\//.test(target)) {
        problems.push(
          `catalog.locations[${i}].target: the demo organisation (${target}) and its users`,
        );
      }
    },
  );

  return problems;
}

/**
 * Refuses to start a production backend (`NODE_ENV=production`) whose configuration is not
 * fit for it, listing every offending setting at once.
 */
export function assertSecureConfig(
  config: Config,
  env: string | undefined = process.env.NODE_ENV,
): void {
  if (env !== 'production') return;
  const problems = findInsecureSettings(config);
  if (problems.length > 0) {
    throw new Error(
      `Refusing to start: the configuration is not fit for production (NODE_ENV=production):\n${problems
        .map(p => `  - ${p}`)
        .join('\n')}`,
    );
  }
}

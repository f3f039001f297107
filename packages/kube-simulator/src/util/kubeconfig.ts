import YAML from 'yaml';

export function buildKubeconfig(opts: {
  server: string;
  token: string;
  caData?: string;
  context?: string;
  user?: string;
}): string {
  const context = opts.context ?? 'kubemate-sim';
  const user = opts.user ?? 'kubemate-sim-admin';
  const cluster: Record<string, unknown> = { server: opts.server };
  if (opts.caData) cluster['certificate-authority-data'] = opts.caData;
  else if (opts.server.startsWith('https'))
    cluster['insecure-skip-tls-verify'] = true;
  return YAML.stringify({
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [{ name: context, cluster }],
    users: [{ name: user, user: { token: opts.token } }],
    contexts: [
      {
        name: context,
        context: { cluster: context, user, namespace: 'default' },
      },
    ],
    'current-context': context,
    preferences: {},
  });
}

import { KubeConfig } from '@kubernetes/client-node';

export interface StaticClusterAccess {
  name: string;
  url: string;
  token?: string;
  caData?: string;
  caFile?: string;
  skipTLSVerify?: boolean;
}

/** Builds a single-context KubeConfig for a cluster reached with a bearer token. */
export function buildKubeConfig(access: StaticClusterAccess): KubeConfig {
  const kc = new KubeConfig();
  kc.loadFromOptions({
    clusters: [
      {
        name: access.name,
        server: access.url,
        skipTLSVerify: access.skipTLSVerify ?? false,
        caData: access.caData,
        caFile: access.caFile,
      },
    ],
    users: [{ name: access.name, token: access.token }],
    contexts: [{ name: access.name, cluster: access.name, user: access.name }],
    currentContext: access.name,
  });
  return kc;
}

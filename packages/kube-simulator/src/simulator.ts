import { AddressInfo } from 'net';
import fs from 'fs';
import path from 'path';
import http from 'http';
import { createRegistry } from './api/builtins';
import { syncCrd } from './api/crds';
import { ObjectService } from './api/objects';
import { Registry } from './api/registry';
import { TokenAuthenticator, TokenEntry } from './auth/authn';
import { RbacAuthorizer } from './auth/rbac';
import {
  ControllerManager,
  ControllerTimings,
  defaultTimings,
} from './controllers/manager';
import { SimContext } from './server/context';
import { FaultConfig, Faults } from './server/faults';
import { createHttpServer } from './server/server';
import { selfSignedCert } from './server/tls';
import { Store } from './storage/store';
import { buildKubeconfig } from './util/kubeconfig';
import { loadSeed, applyManifests } from './seed/loader';
import {
  GenerateSpec,
  generateCluster,
  parseGenerateSpec,
} from './seed/generate';
import { loadTokens } from './auth/tokens';
import { startGatewayHttp } from './mesh/gatewayHttp';
import { KObject } from './util/types';

export interface SimulatorOptions {
  /** Port to listen on; 0 picks a free one. */
  port?: number;
  host?: string;
  /** Files or directories of YAML manifests to load, CRDs first. `false`/absent: none. */
  seed?: string[] | false;
  /** Controller timings; `false` disables all controllers (API server only). */
  controllers?: Partial<ControllerTimings> | false;
  /** Bearer tokens, or a path to a tokens YAML file. Defaults: admin + viewer. */
  tokens?: TokenEntry[] | string;
  /** The admin token (defaults to $KUBE_SIMULATOR_ADMIN_TOKEN or "kubemate-admin-token"). */
  adminToken?: string;
  /** Synthetic scale, e.g. "pods=10000,deployments=3000,namespaces=500". */
  generate?: string | GenerateSpec;
  faults?: FaultConfig;
  /** Number of simulated nodes (default 3). */
  nodes?: number;
  /** Serve HTTPS with a generated self-signed certificate (default true; kubectl sends tokens only over TLS). */
  tls?: boolean;
  /**
   * Serve aggregated discovery (apidiscovery.k8s.io/v2). Off by default to match the recorded
   * kube-apiserver (1.20), which makes kubectl fall back to per-group discovery.
   */
  aggregatedDiscovery?: boolean;
  /** BOOKMARK interval for watches with allowWatchBookmarks (default 60 s). */
  bookmarkIntervalMs?: number;
  /** How many past events the watch cache keeps. */
  watchCacheSize?: number;
  /** Also serve the mesh metrics on this plain-HTTP port (for a Prometheus without TLS setup). */
  metricsPort?: number;
  /**
   * Answer HTTP as the Gateways' HTTP listeners would, according to their HTTPRoutes, on this
   * plain-HTTP port (0 picks a free one); off without it.
   */
  gatewayPort?: number;
}

export interface Simulator {
  url: string;
  port: number;
  /** PEM of the serving certificate (self-signed, also its own CA) when TLS is on. */
  caPem?: string;
  /** URL of the plain-HTTP metrics endpoint when `metricsPort` was given. */
  metricsUrl?: string;
  /** URL of the Gateways' data plane when `gatewayPort` was given. */
  gatewayUrl?: string;
  /** Admin bearer token. */
  token: string;
  tokens: TokenEntry[];
  kubeconfig: string;
  writeKubeconfig(path: string): void;
  store: Store;
  registry: Registry;
  objects: ObjectService;
  faults: Faults;
  controllers?: ControllerManager;
  /** Creates or updates objects the way `kubectl apply` would (for tests and seeding). */
  apply(objects: KObject[]): KObject[];
  /** Runs every controller once, synchronously (handy in tests). */
  reconcileNow(): Promise<void>;
  stop(): Promise<void>;
}

/** Absolute path of the repository's example cluster (`examples/cluster`), for `seed`. */
export const EXAMPLE_CLUSTER_PATH = path.resolve(
  path.dirname(require.resolve('@kubemate/kube-simulator/package.json')),
  '../../examples/cluster',
);

export const DEFAULT_ADMIN_TOKEN = 'kubemate-admin-token';
export const DEFAULT_VIEWER_TOKEN = 'kubemate-viewer-token';

export function defaultTokens(adminToken?: string): TokenEntry[] {
  return [
    {
      token:
        adminToken ??
        process.env.KUBE_SIMULATOR_ADMIN_TOKEN ??
        DEFAULT_ADMIN_TOKEN,
      user: 'admin',
      groups: ['system:masters'],
    },
    { token: DEFAULT_VIEWER_TOKEN, user: 'viewer', groups: [] },
  ];
}

export async function startSimulator(
  opts: SimulatorOptions = {},
): Promise<Simulator> {
  const store = new Store({ logCapacity: opts.watchCacheSize });
  const registry = createRegistry();
  const objects = new ObjectService(store, registry);
  objects.onCrdChange = (crd, deleted) => syncCrd(registry, crd, deleted);
  let tokens: TokenEntry[];
  if (typeof opts.tokens === 'string') tokens = loadTokens(opts.tokens);
  else tokens = opts.tokens ?? defaultTokens(opts.adminToken);
  if (opts.adminToken && !tokens.some(t => t.token === opts.adminToken)) {
    tokens = [
      { token: opts.adminToken, user: 'admin', groups: ['system:masters'] },
      ...tokens,
    ];
  }
  const admin =
    tokens.find(t => t.groups?.includes('system:masters')) ?? tokens[0];
  const faults = new Faults(opts.faults);
  let address = '127.0.0.1:0';
  const ctx: SimContext = {
    store,
    registry,
    objects,
    authn: new TokenAuthenticator(tokens),
    authz: new RbacAuthorizer(store),
    faults,
    serverAddress: () => address,
    bookmarkIntervalMs: opts.bookmarkIntervalMs ?? 60_000,
    aggregatedDiscovery: opts.aggregatedDiscovery ?? false,
  };

  const controllers =
    opts.controllers === false
      ? undefined
      : new ControllerManager(ctx, {
          ...defaultTimings,
          ...(opts.controllers ?? {}),
          nodes: opts.nodes ?? 3,
        });
  controllers?.bootstrap();
  if (!controllers) ControllerManager.bootstrapNamespaces(objects);

  if (opts.seed) {
    for (const p of opts.seed) loadSeed(objects, path.resolve(p));
  }
  if (opts.generate) {
    const spec =
      typeof opts.generate === 'string'
        ? parseGenerateSpec(opts.generate)
        : opts.generate;
    generateCluster(objects, spec, { nodes: opts.nodes ?? 3 });
  }

  const tls =
    opts.tls === false
      ? undefined
      : selfSignedCert(opts.host && opts.host !== '0.0.0.0' ? [opts.host] : []);
  const server = createHttpServer(ctx, tls);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, opts.host ?? '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const host = opts.host && opts.host !== '0.0.0.0' ? opts.host : '127.0.0.1';
  address = `${host}:${port}`;
  const url = `${tls ? 'https' : 'http'}://${host}:${port}`;
  controllers?.start();
  let metricsServer: http.Server | undefined;
  let metricsUrl: string | undefined;
  if (opts.metricsPort !== undefined) {
    metricsServer = http.createServer((_req, res) => {
      res.writeHead(200, {
        'Content-Type': 'text/plain; version=0.0.4; charset=utf-8',
      });
      res.end(ctx.metrics?.prometheusText() ?? '');
    });
    await new Promise<void>(resolve =>
      metricsServer!.listen(opts.metricsPort, opts.host ?? '127.0.0.1', () =>
        resolve(),
      ),
    );
    metricsUrl = `http://${host}:${
      (metricsServer.address() as AddressInfo).port
    }/metrics`;
  }
  const gatewayHttp =
    opts.gatewayPort === undefined
      ? undefined
      : await startGatewayHttp(store, {
          port: opts.gatewayPort,
          host: opts.host ?? '127.0.0.1',
        });
  const kubeconfig = buildKubeconfig({
    server: url,
    token: admin.token,
    caData: tls ? Buffer.from(tls.cert).toString('base64') : undefined,
  });

  return {
    url,
    port,
    caPem: tls?.cert,
    metricsUrl,
    gatewayUrl: gatewayHttp?.url,
    token: admin.token,
    tokens,
    kubeconfig,
    writeKubeconfig: (p: string) => fs.writeFileSync(p, kubeconfig),
    store,
    registry,
    objects,
    faults,
    controllers,
    apply: (objs: KObject[]) => applyManifests(objects, objs),
    reconcileNow: async () => {
      await controllers?.runOnce();
    },
    stop: async () => {
      controllers?.stop();
      metricsServer?.close();
      await gatewayHttp?.stop();
      await new Promise<void>(resolve => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}

import { ConfigReader } from '@backstage/config';
import type { Simulator } from '@kubemate/kube-simulator';
import {
  readConfigClusters,
  type KubemateCluster,
  type TrafficRouter,
} from '@kubemate/plugin-kubemate-node';
import net from 'node:net';
import {
  simulatorKubernetesConfig,
  startSeededSimulator,
} from '../__testUtils__/simulatorBackend';
import { createClusterClients } from '../clusters/ClusterClients';
import { HttpRouteRouter } from './HttpRouteRouter';
import type { CustomObjectsOf } from './routeObjects';
import { TrafficRouters } from './TrafficRouters';
import { TrafficSplitRouter } from './TrafficSplitRouter';

jest.setTimeout(60_000);

/** The CRD client of a cluster, built by the cluster layer as the plugin does. */
const customObjects: CustomObjectsOf = c =>
  createClusterClients(c.kubeConfig, { timeoutMs: 30_000 }).custom;

const ROUTES = 'gateway.networking.k8s.io/httproutes';
const SPLITS = 'split.smi-spec.io/trafficsplits';

/** Test fixture: an HTTPRoute for Service checkout with a header rule and a primary rule. */
const newTestHttpRoute = () => ({
  apiVersion: 'gateway.networking.k8s.io/v1',
  kind: 'HTTPRoute',
  metadata: { name: 'checkout', namespace: 'bank-payments' },
  spec: {
    parentRefs: [
      { group: 'core', kind: 'Service', name: 'checkout', port: 80 },
    ],
    rules: [
      {
        name: 'beta-testers',
        matches: [
          { headers: [{ type: 'Exact', name: 'x-beta', value: 'yes' }] },
        ],
        backendRefs: [{ name: 'checkout-v2', port: 80 }],
      },
      {
        name: 'primary',
        matches: [{ path: { type: 'PathPrefix', value: '/api' } }],
        filters: [
          {
            type: 'RequestHeaderModifier',
            requestHeaderModifier: { add: [{ name: 'x-via', value: 'mesh' }] },
          },
        ],
        timeouts: { request: '5s' },
        backendRefs: [{ name: 'checkout-v1', port: 80, weight: 100 }],
      },
    ],
  },
});

describe('traffic routers against the simulator', () => {
  let sim: Simulator;
  let cluster: KubemateCluster;

  beforeAll(async () => {
    sim = await startSeededSimulator();
    [cluster] = readConfigClusters(
      new ConfigReader({ kubernetes: simulatorKubernetesConfig(sim) }),
    );
  });
  afterAll(() => sim?.stop());

  it('reads the seeded HTTPRoute of a Service (GAMMA parentRef)', async () => {
    const route = await new HttpRouteRouter({ customObjects }).getRoute(
      cluster,
      {
        namespace: 'bank-payments',
        service: 'payments-api',
      },
    );
    expect(route).toEqual({
      kind: 'HTTPRoute',
      namespace: 'bank-payments',
      name: 'payments-api-split',
      service: 'payments-api',
      rule: 0,
      backends: [
        { service: 'payments-api-v1', port: 8080, weight: 90 },
        { service: 'payments-api-v2', port: 8080, weight: 10 },
      ],
      matches: [],
    });
  });

  it('round-trips weights and matches on the chosen rule only', async () => {
    sim.store.create(ROUTES, newTestHttpRoute() as never);
    const router = new HttpRouteRouter({ customObjects });
    const ref = {
      namespace: 'bank-payments',
      service: 'checkout',
      rule: 'primary',
    };
    const before = await router.getRoute(cluster, ref);
    expect(before.backends).toEqual([
      { service: 'checkout-v1', port: 80, weight: 100 },
    ]);

    const set = await router.setRoute(cluster, ref, {
      backends: [
        { service: 'checkout-v1', weight: 80 },
        { service: 'checkout-v2', weight: 20 },
      ],
      matches: [
        {
          headers: [{ name: 'x-canary', value: 'always' }],
          cookies: [{ name: 'canary', value: 'a.b' }],
        },
      ],
    });
    const read = await router.getRoute(cluster, ref);
    expect(read).toEqual(set);
    expect(read.backends).toEqual([
      { service: 'checkout-v1', port: 80, weight: 80 },
      { service: 'checkout-v2', port: 80, weight: 20 },
    ]);
    expect(read.matches).toEqual([
      {
        headers: [{ name: 'x-canary', value: 'always', type: 'Exact' }],
        cookies: [{ name: 'canary', value: 'a.b' }],
      },
    ]);

    const stored = sim.store.get(ROUTES, 'bank-payments', 'checkout') as any;
    const original = newTestHttpRoute().spec.rules;
    // The other rule is untouched; the chosen one keeps its filters, timeouts and path match.
    expect(stored.spec.rules[0]).toEqual(original[0]);
    expect(stored.spec.rules[1].filters).toEqual(original[1].filters);
    expect(stored.spec.rules[1].timeouts).toEqual(original[1].timeouts);
    expect(stored.spec.rules[1].matches[0].path).toEqual({
      type: 'PathPrefix',
      value: '/api',
    });
    expect(stored.spec.parentRefs).toEqual(newTestHttpRoute().spec.parentRefs);

    // Clearing the header matches leaves the path match.
    const cleared = await router.setRoute(cluster, ref, {
      backends: [{ service: 'checkout-v1', weight: 100 }],
      matches: [],
    });
    expect(cleared.matches).toEqual([]);
    expect(
      (sim.store.get(ROUTES, 'bank-payments', 'checkout') as any).spec.rules[1]
        .matches,
    ).toEqual(original[1].matches);
  });

  it('adds, keeps and removes a match rule beside the weighted one (a header canary)', async () => {
    sim.store.delete(ROUTES, 'bank-payments', 'checkout');
    sim.store.create(ROUTES, newTestHttpRoute() as never);
    const router = new HttpRouteRouter({ customObjects });
    const ref = {
      namespace: 'bank-payments',
      service: 'checkout',
      rule: 'primary',
    };
    const canary = {
      matches: [{ headers: [{ name: 'x-canary', value: 'yes' }] }],
      backend: { service: 'checkout-v2' },
    };
    const weights = [
      { service: 'checkout-v1', weight: 95 },
      { service: 'checkout-v2', weight: 5 },
    ];
    const rules = () =>
      (sim.store.get(ROUTES, 'bank-payments', 'checkout') as any).spec.rules;
    await router.setRoute(cluster, ref, {
      backends: weights,
      matchRule: canary,
    });
    // Set twice (every step writes it): still one match rule, before the weighted rule.
    await router.setRoute(cluster, ref, {
      backends: weights,
      matchRule: canary,
    });
    const original = newTestHttpRoute().spec.rules;
    expect(rules()).toHaveLength(3);
    expect(rules()[0]).toEqual(original[0]);
    expect(rules()[1]).toEqual({
      matches: [
        {
          path: { type: 'PathPrefix', value: '/api' },
          headers: [{ type: 'Exact', name: 'x-canary', value: 'yes' }],
        },
      ],
      backendRefs: [{ name: 'checkout-v2', port: 80, weight: 1 }],
    });
    expect(rules()[2].name).toBe('primary');
    expect(rules()[2].backendRefs.map((b: any) => b.weight)).toEqual([95, 5]);

    await router.setRoute(cluster, ref, {
      backends: [{ service: 'checkout-v1', weight: 100 }],
      matchRule: { matches: canary.matches, backend: null },
    });
    expect(rules()).toHaveLength(2);
    expect(rules()[0]).toEqual(original[0]);

    await expect(
      new TrafficSplitRouter({ customObjects }).setRoute(
        cluster,
        { namespace: 'bank-payments', service: 'payments-api' },
        { backends: weights, matchRule: canary },
      ),
    ).rejects.toThrow(/not supported on SMI TrafficSplits|No TrafficSplit/);
  });

  it('finds the weighted rule again without a rule name once a header rule sits beside it', async () => {
    sim.store.delete(ROUTES, 'bank-payments', 'checkout');
    const route = newTestHttpRoute();
    route.spec.rules = [{ ...route.spec.rules[1], name: undefined as never }];
    sim.store.create(ROUTES, route as never);
    const router = new HttpRouteRouter({ customObjects });
    const ref = { namespace: 'bank-payments', service: 'checkout' };
    await router.setRoute(cluster, ref, {
      backends: [
        { service: 'checkout-v1', weight: 90 },
        { service: 'checkout-v2', weight: 10 },
      ],
      matchRule: {
        matches: [{ headers: [{ name: 'x-canary', value: 'yes' }] }],
        backend: { service: 'checkout-v2' },
      },
    });
    // Both rules now have a PathPrefix match; the header-free one is the weighted rule.
    const view = await router.getRoute(cluster, ref);
    expect(view.rule).toBe(1);
    expect(view.backends.map(b => b.weight)).toEqual([90, 10]);
  });

  it('refuses bad changes and unknown routes by name', async () => {
    const router = new HttpRouteRouter({ customObjects });
    const ref = { namespace: 'bank-payments', service: 'payments-api' };
    await expect(
      router.setRoute(cluster, ref, {
        backends: [{ service: 'payments-api-v1', weight: 0 }],
      }),
    ).rejects.toThrow(/at least one backend needs a weight/);
    await expect(
      router.setRoute(cluster, ref, {
        backends: [{ service: 'Not_A_Name', weight: 1 }],
      }),
    ).rejects.toThrow(
      /backends\[0\]\.service 'Not_A_Name' is not a Service name/,
    );
    await expect(
      router.getRoute(cluster, { namespace: 'bank-payments', service: 'nope' }),
    ).rejects.toMatchObject({
      name: 'NotFoundError',
      message: 'No HTTPRoute routes Service bank-payments/nope in cluster sim',
    });
  });

  it('round-trips SMI TrafficSplit weights and refuses matches', async () => {
    sim.store.create(SPLITS, {
      apiVersion: 'split.smi-spec.io/v1alpha2',
      kind: 'TrafficSplit',
      metadata: { name: 'ledger-split', namespace: 'bank-core' },
      spec: {
        service: 'ledger',
        backends: [
          { service: 'ledger-v1', weight: 100 },
          { service: 'ledger-v2', weight: 0 },
        ],
      },
    } as never);
    const router = new TrafficSplitRouter({ customObjects });
    const ref = { namespace: 'bank-core', service: 'ledger' };
    const set = await router.setRoute(cluster, ref, {
      backends: [
        { service: 'ledger-v1', weight: 50 },
        { service: 'ledger-v2', weight: 50 },
      ],
    });
    expect(await router.getRoute(cluster, ref)).toEqual(set);
    expect(set.backends).toEqual([
      { service: 'ledger-v1', weight: 50 },
      { service: 'ledger-v2', weight: 50 },
    ]);
    await expect(
      router.setRoute(cluster, ref, {
        backends: [{ service: 'ledger-v1', weight: 1 }],
        matches: [{ headers: [{ name: 'x', value: 'y' }] }],
      }),
    ).rejects.toThrow(/matches are not supported on SMI TrafficSplits/);
  });

  it('gives up on an API server that does not answer', async () => {
    const silent = net.createServer(() => {});
    await new Promise<void>(r => silent.listen(0, '127.0.0.1', r));
    const port = (silent.address() as net.AddressInfo).port;
    const [hung] = readConfigClusters(
      new ConfigReader({
        kubernetes: {
          clusterLocatorMethods: [
            {
              type: 'config',
              clusters: [
                {
                  name: 'hung',
                  url: `http://127.0.0.1:${port}`,
                  authProvider: 'serviceAccount',
                  serviceAccountToken: 't',
                  skipTLSVerify: true,
                },
              ],
            },
          ],
        },
      }),
    );
    const started = Date.now();
    await expect(
      new HttpRouteRouter({ customObjects, timeoutMs: 300 }).getRoute(hung, {
        namespace: 'a',
        service: 'b',
      }),
    ).rejects.toMatchObject({
      name: 'ServiceUnavailableError',
      message: expect.stringContaining('did not answer in time'),
    });
    expect(Date.now() - started).toBeLessThan(5_000);
    silent.close();
  });
});

describe('TrafficRouters', () => {
  const extra: TrafficRouter = {
    kind: 'VirtualService',
    supportsMatches: true,
    getRoute: jest.fn(),
    setRoute: jest.fn(),
  };

  it('picks the router of each cluster, HTTPRoute by default', () => {
    const routers = TrafficRouters.fromConfig(
      new ConfigReader({
        kubemate: {
          traffic: {
            clusters: {
              old: { router: 'TrafficSplit' },
              istio: { router: 'VirtualService' },
            },
          },
        },
      }),
      customObjects,
      [extra],
    );
    expect(routers.forCluster('any').kind).toBe('HTTPRoute');
    expect(routers.forCluster('old').kind).toBe('TrafficSplit');
    expect(routers.forCluster('istio')).toBe(extra);
  });

  it('refuses a second router of a kind and an unknown configured kind', () => {
    expect(() =>
      TrafficRouters.fromConfig(new ConfigReader({}), customObjects, [
        { ...extra, kind: 'HTTPRoute' },
      ]),
    ).toThrow("A traffic router for 'HTTPRoute' is already registered");
    expect(() =>
      TrafficRouters.fromConfig(
        new ConfigReader({
          kubemate: { traffic: { clusters: { a: { router: 'Nope' } } } },
        }),
        customObjects,
      ),
    ).toThrow(/clusters\.a\.router: unknown router 'Nope'/);
  });
});

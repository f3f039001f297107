import path from 'path';
import { EXAMPLE_CLUSTER_PATH, Simulator, startSimulator } from '../simulator';
import { KObject } from '../util/types';
import { hostnamesIntersect, routeHostnamesMatch } from './gatewayHostnames';
import { Listener, listenerConflicts } from './gatewayListeners';

const GW = 'gateway.networking.k8s.io';

type Cond = { type: string; status: string; reason: string };

const gateway = (ns: string, name: string, listeners: unknown[]): KObject => ({
  apiVersion: `${GW}/v1`,
  kind: 'Gateway',
  metadata: { name, namespace: ns },
  spec: { gatewayClassName: 'traefik', listeners },
});
const route = (ns: string, name: string, spec: unknown): KObject => ({
  apiVersion: `${GW}/v1`,
  kind: 'HTTPRoute',
  metadata: { name, namespace: ns },
  spec,
});
const service = (ns: string, name: string): KObject => ({
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name, namespace: ns },
  spec: { selector: { app: name }, ports: [{ name: 'http', port: 8080 }] },
});
const namespace = (name: string, labels: Record<string, string> = {}) => ({
  apiVersion: 'v1',
  kind: 'Namespace',
  metadata: { name, labels },
});
const backend = (name: string, extra: Record<string, unknown> = {}) => ({
  rules: [{ backendRefs: [{ name, port: 8080, ...extra }] }],
});
const summary = (conds: Cond[]) =>
  Object.fromEntries(conds.map(c => [c.type, `${c.status}/${c.reason}`]));

describe('hostname intersection', () => {
  it('follows the Gateway API wildcard rules', () => {
    expect(hostnamesIntersect('*.example.com', 'foo.example.com')).toBe(true);
    expect(hostnamesIntersect('*.example.com', 'a.b.example.com')).toBe(true);
    expect(hostnamesIntersect('*.example.com', 'example.com')).toBe(false);
    expect(hostnamesIntersect('*.example.com', 'foo.example.org')).toBe(false);
    expect(hostnamesIntersect('foo.example.com', '*.example.com')).toBe(true);
    expect(hostnamesIntersect('*.example.com', '*.foo.example.com')).toBe(true);
    expect(hostnamesIntersect('*.foo.example.com', '*.bar.example.com')).toBe(
      false,
    );
    expect(hostnamesIntersect('Foo.Example.com', 'foo.example.com')).toBe(true);
    expect(routeHostnamesMatch(undefined, ['x.org'])).toBe(true);
    expect(routeHostnamesMatch('*.example.com', [])).toBe(true);
    expect(
      routeHostnamesMatch('*.example.com', ['x.org', 'a.example.com']),
    ).toBe(true);
  });
});

describe('listener conflicts', () => {
  const l = (name: string, port: number, protocol: string, hostname?: string) =>
    ({ name, port, protocol, hostname } as Listener);
  it('reports protocol and hostname conflicts on a shared port', () => {
    const got = listenerConflicts([
      l('web', 80, 'HTTP'),
      l('tls', 80, 'HTTPS'),
      l('a', 8080, 'HTTP'),
      l('b', 8080, 'HTTP'),
      l('c', 8080, 'HTTP', 'c.example.com'),
      l('d', 9090, 'HTTP', 'd.example.com'),
      l('e', 9090, 'HTTP', 'D.example.com'),
    ]);
    expect(Object.fromEntries(got)).toEqual({
      web: 'ProtocolConflict',
      tls: 'ProtocolConflict',
      a: 'HostnameConflict',
      b: 'HostnameConflict',
      d: 'HostnameConflict',
      e: 'HostnameConflict',
    });
  });
});

describe('gateway controller', () => {
  let sim: Simulator;
  const get = (plural: string, ns: string, name: string) =>
    sim.store.get(`${GW}/${plural}`, ns, name)!;
  const apply = async (...objs: KObject[]) => {
    sim.apply(objs);
    await sim.reconcileNow();
  };
  const remove = async (key: string, ns: string, name: string) => {
    const [group, plural] = key.split('/');
    sim.objects.delete(sim.registry.byResource(group, plural)!, ns, name, {});
    await sim.reconcileNow();
  };
  const parent = (ns: string, name: string, i = 0) =>
    get('httproutes', ns, name).status.parents[i];
  const parentSummary = (ns: string, name: string, i = 0) =>
    summary(parent(ns, name, i).conditions);
  const listener = (ns: string, gw: string, name: string) =>
    get('gateways', ns, gw).status.listeners.find(
      (x: { name: string }) => x.name === name,
    );

  beforeAll(async () => {
    // passes run only when the test asks, so every expectation follows a known reconcile
    sim = await startSimulator({
      port: 0,
      tls: false,
      seed: [path.join(EXAMPLE_CLUSTER_PATH, '00-crds.yaml')],
      controllers: { tickMs: 3_600_000, resyncMs: 3_600_000 },
    });
    await apply(
      {
        apiVersion: `${GW}/v1`,
        kind: 'GatewayClass',
        metadata: { name: 'traefik' },
        spec: { controllerName: 'traefik.io/gateway-controller' },
      },
      namespace('edge'),
      namespace('team-a', { team: 'a' }),
      namespace('team-b', { team: 'b' }),
      service('edge', 'web'),
      {
        apiVersion: 'v1',
        kind: 'Secret',
        metadata: { name: 'edge-tls', namespace: 'edge' },
        type: 'kubernetes.io/tls',
        data: { 'tls.crt': 'eA==', 'tls.key': 'eA==' },
      },
      gateway('edge', 'public', [
        {
          name: 'http',
          port: 80,
          protocol: 'HTTP',
          hostname: '*.example.com',
        },
        {
          name: 'https',
          port: 443,
          protocol: 'HTTPS',
          hostname: '*.example.com',
          tls: { certificateRefs: [{ kind: 'Secret', name: 'edge-tls' }] },
          allowedRoutes: { namespaces: { from: 'All' } },
        },
        {
          name: 'teams',
          port: 8443,
          protocol: 'HTTPS',
          tls: { certificateRefs: [{ name: 'teams-tls' }] },
          allowedRoutes: {
            namespaces: {
              from: 'Selector',
              selector: { matchLabels: { team: 'a' } },
            },
          },
        },
      ]),
    );
  });
  afterAll(() => sim.stop());

  it('accepts the GatewayClass', () => {
    expect(
      summary(get('gatewayclasses', '', 'traefik').status.conditions),
    ).toEqual({ Accepted: 'True/Accepted' });
  });

  it('reports Gateway and listener conditions for the current generation', async () => {
    const gw = get('gateways', 'edge', 'public');
    expect(summary(gw.status.conditions)).toEqual({
      Accepted: 'True/ListenersNotValid',
      Programmed: 'True/Programmed',
    });
    expect(
      gw.status.conditions.map(
        (c: { observedGeneration: number }) => c.observedGeneration,
      ),
    ).toEqual([gw.metadata.generation, gw.metadata.generation]);
    expect(listener('edge', 'public', 'http')).toMatchObject({
      name: 'http',
      attachedRoutes: 0,
      supportedKinds: [{ group: GW, kind: 'HTTPRoute' }],
    });
    expect(summary(listener('edge', 'public', 'http').conditions)).toEqual({
      Accepted: 'True/Accepted',
      Programmed: 'True/Programmed',
      ResolvedRefs: 'True/ResolvedRefs',
      Conflicted: 'False/NoConflicts',
    });
    // the Secret of the teams listener does not exist
    expect(summary(listener('edge', 'public', 'teams').conditions)).toEqual({
      Accepted: 'True/Accepted',
      Programmed: 'False/Invalid',
      ResolvedRefs: 'False/InvalidCertificateRef',
      Conflicted: 'False/NoConflicts',
    });
    await apply({
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: 'teams-tls', namespace: 'edge' },
      type: 'kubernetes.io/tls',
      data: { 'tls.crt': 'eA==', 'tls.key': 'eA==' },
    });
    expect(
      summary(listener('edge', 'public', 'teams').conditions),
    ).toMatchObject({
      Programmed: 'True/Programmed',
      ResolvedRefs: 'True/ResolvedRefs',
    });
    expect(
      summary(get('gateways', 'edge', 'public').status.conditions).Accepted,
    ).toBe('True/Accepted');
  });

  it('marks conflicting listeners, which are not programmed and take no routes', async () => {
    await apply(
      gateway('edge', 'clash', [
        { name: 'plain', port: 80, protocol: 'HTTP' },
        {
          name: 'secure',
          port: 80,
          protocol: 'HTTPS',
          tls: { certificateRefs: [{ name: 'edge-tls' }] },
        },
        { name: 'one', port: 8080, protocol: 'HTTP' },
        { name: 'two', port: 8080, protocol: 'HTTP' },
        {
          name: 'three',
          port: 8080,
          protocol: 'HTTP',
          hostname: 'three.example.com',
        },
      ]),
      route('edge', 'to-one', {
        parentRefs: [{ name: 'clash', sectionName: 'one' }],
        ...backend('web'),
      }),
      route('edge', 'to-all', {
        parentRefs: [{ name: 'clash' }],
        ...backend('web'),
      }),
    );
    const conds = (n: string) =>
      summary(listener('edge', 'clash', n).conditions);
    expect(conds('plain')).toMatchObject({
      Conflicted: 'True/ProtocolConflict',
      Programmed: 'False/Invalid',
    });
    expect(conds('secure').Conflicted).toBe('True/ProtocolConflict');
    expect(conds('one')).toMatchObject({
      Conflicted: 'True/HostnameConflict',
      Programmed: 'False/Invalid',
    });
    expect(conds('two').Conflicted).toBe('True/HostnameConflict');
    expect(conds('three')).toMatchObject({
      Conflicted: 'False/NoConflicts',
      Programmed: 'True/Programmed',
    });
    expect(parentSummary('edge', 'to-one').Accepted).toBe(
      'False/NotAllowedByListeners',
    );
    // without a sectionName the route attaches to the one listener that is not conflicted
    expect(parentSummary('edge', 'to-all').Accepted).toBe('True/Accepted');
    expect(
      get('gateways', 'edge', 'clash').status.listeners.map(
        (l: { name: string; attachedRoutes: number }) => [
          l.name,
          l.attachedRoutes,
        ],
      ),
    ).toEqual([
      ['plain', 0],
      ['secure', 0],
      ['one', 0],
      ['two', 0],
      ['three', 1],
    ]);
    // moving the listener to its own port resolves the conflict
    const gw = get('gateways', 'edge', 'clash');
    await apply(
      gateway('edge', 'clash', [
        ...gw.spec.listeners.filter((l: { name: string }) => l.name !== 'one'),
        { name: 'one', port: 8081, protocol: 'HTTP' },
      ]),
    );
    expect(conds('one').Conflicted).toBe('False/NoConflicts');
    expect(conds('two').Conflicted).toBe('False/NoConflicts');
    expect(parentSummary('edge', 'to-one').Accepted).toBe('True/Accepted');
  });

  it('reports NoMatchingParent for missing Gateways and listeners, and accepts once the Gateway appears', async () => {
    await apply(
      route('edge', 'orphan', {
        parentRefs: [{ name: 'later' }],
        ...backend('web'),
      }),
      route('edge', 'no-section', {
        parentRefs: [{ name: 'public', sectionName: 'nope' }],
        ...backend('web'),
      }),
      route('edge', 'no-port', {
        parentRefs: [{ name: 'public', port: 9999 }],
        ...backend('web'),
      }),
    );
    for (const n of ['orphan', 'no-section', 'no-port'])
      expect(parentSummary('edge', n).Accepted).toBe('False/NoMatchingParent');
    expect(parent('edge', 'orphan')).toMatchObject({
      parentRef: { group: GW, kind: 'Gateway', name: 'later' },
      controllerName: 'traefik.io/gateway-controller',
    });
    await apply(
      gateway('edge', 'later', [{ name: 'http', port: 80, protocol: 'HTTP' }]),
    );
    expect(parentSummary('edge', 'orphan').Accepted).toBe('True/Accepted');
    expect(listener('edge', 'later', 'http').attachedRoutes).toBe(1);
    await remove(`${GW}/gateways`, 'edge', 'later');
    expect(parentSummary('edge', 'orphan').Accepted).toBe(
      'False/NoMatchingParent',
    );
  });

  it('applies allowedRoutes.namespaces (Same, All, Selector) and follows namespace labels', async () => {
    await apply(
      service('team-a', 'web'),
      service('team-b', 'web'),
      route('team-a', 'same', {
        parentRefs: [
          { name: 'public', namespace: 'edge', sectionName: 'http' },
        ],
        ...backend('web'),
      }),
      route('team-a', 'all', {
        parentRefs: [
          { name: 'public', namespace: 'edge', sectionName: 'https' },
        ],
        ...backend('web'),
      }),
      route('team-a', 'selected', {
        parentRefs: [
          { name: 'public', namespace: 'edge', sectionName: 'teams' },
        ],
        ...backend('web'),
      }),
      route('team-b', 'selected', {
        parentRefs: [
          { name: 'public', namespace: 'edge', sectionName: 'teams' },
        ],
        ...backend('web'),
      }),
    );
    expect(parentSummary('team-a', 'same').Accepted).toBe(
      'False/NotAllowedByListeners',
    );
    expect(parentSummary('team-a', 'all').Accepted).toBe('True/Accepted');
    expect(parentSummary('team-a', 'selected').Accepted).toBe('True/Accepted');
    expect(parentSummary('team-b', 'selected').Accepted).toBe(
      'False/NotAllowedByListeners',
    );
    expect(listener('edge', 'public', 'teams').attachedRoutes).toBe(1);
    expect(listener('edge', 'public', 'http').attachedRoutes).toBe(0);

    await apply(namespace('team-b', { team: 'a' }));
    expect(parentSummary('team-b', 'selected').Accepted).toBe('True/Accepted');
    expect(listener('edge', 'public', 'teams').attachedRoutes).toBe(2);
  });

  it('reports NoMatchingListenerHostname when no route hostname intersects the listener', async () => {
    await apply(
      route('edge', 'hosts', {
        parentRefs: [{ name: 'public', sectionName: 'http' }],
        hostnames: ['example.com', 'www.example.org'],
        ...backend('web'),
      }),
      route('edge', 'deep', {
        parentRefs: [{ name: 'public', sectionName: 'http' }],
        hostnames: ['a.b.example.com'],
        ...backend('web'),
      }),
    );
    expect(parentSummary('edge', 'hosts').Accepted).toBe(
      'False/NoMatchingListenerHostname',
    );
    expect(parentSummary('edge', 'deep').Accepted).toBe('True/Accepted');
    expect(listener('edge', 'public', 'http').attachedRoutes).toBe(1);
  });

  it('reports Service parents as Linkerd does', async () => {
    await apply(
      route('edge', 'mesh', {
        parentRefs: [
          { group: 'core', kind: 'Service', name: 'web', port: 8080 },
        ],
        ...backend('web'),
      }),
      route('edge', 'mesh-bad', {
        parentRefs: [
          { group: '', kind: 'Service', name: 'web', port: 9999 },
          { group: '', kind: 'Service', name: 'ghost' },
        ],
        ...backend('web'),
      }),
    );
    expect(parent('edge', 'mesh').controllerName).toBe(
      'linkerd.io/gateway-controller',
    );
    expect(parentSummary('edge', 'mesh')).toEqual({
      Accepted: 'True/Accepted',
      ResolvedRefs: 'True/ResolvedRefs',
    });
    expect(parentSummary('edge', 'mesh-bad', 0).Accepted).toBe(
      'False/NoMatchingParent',
    );
    expect(parentSummary('edge', 'mesh-bad', 1).Accepted).toBe(
      'False/NoMatchingParent',
    );
    await apply(service('edge', 'ghost'));
    expect(parentSummary('edge', 'mesh-bad', 1).Accepted).toBe('True/Accepted');
  });

  it('resolves backendRefs: missing Services, other namespaces with ReferenceGrants, other kinds', async () => {
    await apply(
      route('edge', 'missing', {
        parentRefs: [{ name: 'public', sectionName: 'http' }],
        ...backend('nowhere'),
      }),
      route('edge', 'cross', {
        parentRefs: [{ name: 'public', sectionName: 'http' }],
        ...backend('web', { namespace: 'team-b' }),
      }),
      route('edge', 'odd', {
        parentRefs: [{ name: 'public', sectionName: 'http' }],
        ...backend('bucket', { group: 'example.io', kind: 'Bucket' }),
      }),
    );
    expect(parent('edge', 'missing').conditions[1]).toMatchObject({
      type: 'ResolvedRefs',
      status: 'False',
      reason: 'BackendNotFound',
      message: 'Service "edge/nowhere" not found',
    });
    expect(parentSummary('edge', 'cross').ResolvedRefs).toBe(
      'False/RefNotPermitted',
    );
    expect(parentSummary('edge', 'odd').ResolvedRefs).toBe('False/InvalidKind');

    await apply(service('edge', 'nowhere'));
    expect(parentSummary('edge', 'missing').ResolvedRefs).toBe(
      'True/ResolvedRefs',
    );

    const grant = (name: string, from: unknown, to: unknown): KObject => ({
      apiVersion: `${GW}/v1beta1`,
      kind: 'ReferenceGrant',
      metadata: { name, namespace: 'team-b' },
      spec: { from: [from], to: [to] },
    });
    // grants for another Service, from another namespace, or in the wrong namespace do not count
    await apply(
      grant(
        'other-service',
        { group: GW, kind: 'HTTPRoute', namespace: 'edge' },
        { group: '', kind: 'Service', name: 'api' },
      ),
      grant(
        'other-namespace',
        { group: GW, kind: 'HTTPRoute', namespace: 'team-a' },
        { group: '', kind: 'Service' },
      ),
      {
        ...grant(
          'wrong-place',
          { group: GW, kind: 'HTTPRoute', namespace: 'edge' },
          { group: '', kind: 'Service' },
        ),
        metadata: { name: 'wrong-place', namespace: 'edge' },
      },
    );
    expect(parentSummary('edge', 'cross').ResolvedRefs).toBe(
      'False/RefNotPermitted',
    );
    await apply(
      grant(
        'edge-routes',
        { group: GW, kind: 'HTTPRoute', namespace: 'edge' },
        { group: '', kind: 'Service', name: 'web' },
      ),
    );
    expect(parentSummary('edge', 'cross').ResolvedRefs).toBe(
      'True/ResolvedRefs',
    );
    await remove(`${GW}/referencegrants`, 'team-b', 'edge-routes');
    expect(parentSummary('edge', 'cross').ResolvedRefs).toBe(
      'False/RefNotPermitted',
    );
  });

  it('writes status only when it changes, keeps transition times and never bumps generation', async () => {
    await apply(
      route('edge', 'steady', {
        parentRefs: [{ name: 'public', sectionName: 'http' }],
        ...backend('web'),
      }),
    );
    const before = get('httproutes', 'edge', 'steady');
    const gwBefore = get('gateways', 'edge', 'public');
    expect(before.metadata.generation).toBe(1);
    expect(
      before.status.parents[0].conditions.map(
        (c: { observedGeneration: number }) => c.observedGeneration,
      ),
    ).toEqual([1, 1]);
    for (let i = 0; i < 3; i++) await sim.reconcileNow();
    const after = get('httproutes', 'edge', 'steady');
    expect(after.metadata.resourceVersion).toBe(
      before.metadata.resourceVersion,
    );
    expect(get('gateways', 'edge', 'public').metadata.resourceVersion).toBe(
      gwBefore.metadata.resourceVersion,
    );

    // a spec change bumps generation once; the status follows it without changing transition times
    await new Promise(r => setTimeout(r, 1100));
    await apply(
      route('edge', 'steady', {
        parentRefs: [{ name: 'public', sectionName: 'http' }],
        hostnames: ['steady.example.com'],
        ...backend('web'),
      }),
    );
    const changed = get('httproutes', 'edge', 'steady');
    expect(changed.metadata.generation).toBe(2);
    const [acc, refs] = changed.status.parents[0].conditions;
    expect(acc).toMatchObject({ status: 'True', observedGeneration: 2 });
    expect(acc.lastTransitionTime).toBe(
      before.status.parents[0].conditions[0].lastTransitionTime,
    );
    expect(refs.lastTransitionTime).toBe(
      before.status.parents[0].conditions[1].lastTransitionTime,
    );

    // a status flip moves the transition time
    await apply(
      route('edge', 'steady', {
        parentRefs: [{ name: 'public', sectionName: 'http' }],
        hostnames: ['steady.example.org'],
        ...backend('web'),
      }),
    );
    const flipped = get('httproutes', 'edge', 'steady');
    expect(flipped.metadata.generation).toBe(3);
    expect(flipped.status.parents[0].conditions[0]).toMatchObject({
      status: 'False',
      reason: 'NoMatchingListenerHostname',
      observedGeneration: 3,
    });
    expect(flipped.status.parents[0].conditions[0].lastTransitionTime).not.toBe(
      acc.lastTransitionTime,
    );
    expect(get('gateways', 'edge', 'public').metadata.generation).toBe(
      gwBefore.metadata.generation,
    );
  });
});

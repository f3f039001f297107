import type { Simulator } from '@kubemate/kube-simulator';
import request from 'supertest';
import {
  startKubemateBackend,
  startSeededSimulator,
  testComponent as component,
} from '../__testUtils__/simulatorBackend';

jest.setTimeout(90_000);

const entities = [
  component('payments-api', {
    'backstage.io/kubernetes-id': 'payments-api',
    'backstage.io/kubernetes-namespace': 'bank-payments',
  }),
];
const base = '/api/kubemate/entities/component/default/payments-api/routes';
const listener = {
  kind: 'Gateway',
  namespace: 'bank-payments',
  name: 'bank-payments-gateway',
  sectionName: 'https',
};

/** An HTTPRoute on the namespace's listener with one rule. */
const route = (name: string, match: object, backend: string) => ({
  apiVersion: 'gateway.networking.k8s.io/v1',
  kind: 'HTTPRoute',
  metadata: { name, namespace: 'bank-payments' },
  spec: {
    parentRefs: [{ name: 'bank-payments-gateway', sectionName: 'https' }],
    hostnames: ['shop.payments.bank.example.com'],
    rules: [{ matches: [match], backendRefs: [{ name: backend, port: 8080 }] }],
  },
});

describe('route tester API: which rule wins, by Gateway API precedence', () => {
  let sim: Simulator;
  let tb: Awaited<ReturnType<typeof startKubemateBackend>>;
  beforeAll(async () => {
    sim = await startSeededSimulator();
    sim.apply([
      route(
        'shop-exact',
        { path: { type: 'Exact', value: '/shop/cart' } },
        'payments-api-v1',
      ),
      route(
        'shop-prefix',
        { path: { type: 'PathPrefix', value: '/shop' } },
        'payments-api-v2',
      ),
      route(
        'shop-longer',
        { path: { type: 'PathPrefix', value: '/shop/cart' } },
        'payments-api',
      ),
      route(
        'shop-method',
        { path: { type: 'PathPrefix', value: '/shop/cart' }, method: 'POST' },
        'payments-api-v1',
      ),
      route(
        'shop-header',
        {
          path: { type: 'PathPrefix', value: '/shop/cart' },
          headers: [{ name: 'x-canary', value: '1' }],
        },
        'payments-api-v2',
      ),
    ]);
    tb = await startKubemateBackend({ sim, entities });
  });
  afterAll(async () => {
    await tb.stop();
    await sim.stop();
  });

  const test = async (req: object, draft?: object) => {
    for (let i = 0; ; i++) {
      const res = await request(tb.server)
        .post(`${base}/test`)
        .send({ cluster: 'sim', parent: listener, request: req, draft });
      expect(res.status).toBe(200);
      // The watch cache may not hold the routes applied just now yet.
      if (res.body.considered.includes('bank-payments/shop-header') || i > 50)
        return res.body;
      await new Promise(resolve => setTimeout(resolve, 100));
    }
  };
  const winner = async (req: object, draft?: object) => {
    const body = await test(
      { host: 'shop.payments.bank.example.com', ...req },
      draft,
    );
    return body.outcome === 'matched' ? body.winner.name : 'none';
  };

  it('prefers an exact path, then the longest prefix', async () => {
    expect(await winner({ path: '/shop/cart' })).toBe('shop-exact');
    expect(await winner({ path: '/shop/cart/items' })).toBe('shop-longer');
    expect(await winner({ path: '/shop/other' })).toBe('shop-prefix');
    // Gateway API prefixes match whole path segments.
    expect(await winner({ path: '/shopping' })).toBe('none');
  });

  it('then a method match, then the most header matches', async () => {
    expect(await winner({ path: '/shop/cart/items', method: 'POST' })).toBe(
      'shop-method',
    );
    expect(
      await winner({ path: '/shop/cart/items', headers: { 'x-canary': '1' } }),
    ).toBe('shop-header');
    expect(
      await winner({
        path: '/shop/cart/items',
        method: 'POST',
        headers: { 'x-canary': '1' },
      }),
    ).toBe('shop-method');
  });

  it('explains the decision and lists the backends with their share', async () => {
    const body = await test({
      host: 'shop.payments.bank.example.com',
      path: '/shop/cart/items',
    });
    expect(body.winner).toEqual({
      namespace: 'bank-payments',
      name: 'shop-longer',
      ruleIndex: 0,
      matchIndex: 0,
    });
    expect(body.match).toBe('PathPrefix /shop/cart');
    expect(body.backends).toEqual([
      expect.objectContaining({ name: 'payments-api', percent: 100 }),
    ]);
    expect(body.alsoMatched.map((m: { name: string }) => m.name)).toContain(
      'shop-prefix',
    );
    expect(body.why.join('\n')).toMatch(/prefix/i);
  });

  it('serves nothing for a host the routes do not name', async () => {
    const body = await test({ host: 'other.example.com', path: '/shop' });
    expect(body.outcome).toBe('none');
  });

  it('tests a route being edited in place of its stored version', async () => {
    const edited = route(
      'shop-prefix',
      { path: { type: 'PathPrefix', value: '/shopping' } },
      'payments-api-v2',
    );
    expect(
      await winner(
        { path: '/shopping' },
        { metadata: edited.metadata, spec: edited.spec },
      ),
    ).toBe('shop-prefix');
    // Without /shop in the edited route, /shop/other is served by nobody.
    expect(
      await winner(
        { path: '/shop/other' },
        { metadata: edited.metadata, spec: edited.spec },
      ),
    ).toBe('none');
  });

  it('refuses parents outside the entity’s namespaces and unknown listeners', async () => {
    const outside = await request(tb.server)
      .post(`${base}/test`)
      .send({
        cluster: 'sim',
        parent: {
          kind: 'Service',
          namespace: 'erp-finance',
          name: 'erp-finance',
        },
        request: { path: '/' },
      });
    expect(outside.status).toBe(403);
    const unknown = await request(tb.server)
      .post(`${base}/test`)
      .send({
        cluster: 'sim',
        parent: { ...listener, sectionName: 'nope' },
        request: { path: '/' },
      });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.message).toMatch(/has no listener 'nope'/);
  });
});

import type { Simulator } from '@kubemate/kube-simulator';
import request from 'supertest';
import {
  permissionsDenying,
  startKubemateBackend,
  startSeededSimulator,
} from '../__testUtils__/simulatorBackend';

jest.setTimeout(90_000);

const onboarding = {
  gateway: { ports: { from: 9000, to: 9002 } },
  sizes: {
    small: {
      quota: { 'requests.cpu': '2', pods: '20' },
      defaultRequest: { cpu: '100m' },
      default: { cpu: '500m' },
    },
  },
};
const body = {
  owner: 'team-erp',
  mesh: true,
  size: 'small',
  networkPolicy: true,
};
const onboard = (name: string) =>
  `/api/kubemate/namespaces/sim/${name}/onboard`;

describe('namespace onboarding against the Kubernetes simulator', () => {
  let sim: Simulator;
  beforeAll(async () => {
    sim = await startSeededSimulator();
  });
  afterAll(() => sim.stop());

  const traefikArgs = () =>
    (sim.store.get('apps/deployments', 'traefik', 'traefik') as any).spec
      .template.spec.containers[0].args as string[];

  it('previews with a dry run, onboards, and changes nothing the second time', async () => {
    const tb = await startKubemateBackend({
      sim,
      entities: [],
      kubemate: { onboarding },
    });
    const preview = await request(tb.server)
      .post(onboard('shop'))
      .send({ ...body, dryRun: true });
    expect(preview.status).toBe(200);
    expect(preview.body).toMatchObject({ dryRun: true, port: 9000 });
    expect(
      preview.body.objects.map(
        (o: { kind: string; action: string }) => `${o.kind} ${o.action}`,
      ),
    ).toEqual([
      'Namespace create',
      'GatewayClass create',
      'Gateway create',
      'ResourceQuota create',
      'LimitRange create',
      'NetworkPolicy create',
      'Deployment change',
      'Service change',
    ]);
    expect(preview.body.objects[6].diff).toContain(
      '+            - --entrypoints.shop.address=:9000',
    );
    // A dry run leaves the cluster as it was.
    expect(sim.store.get('/namespaces', undefined, 'shop')).toBeUndefined();
    expect(traefikArgs()).not.toContain('--entrypoints.shop.address=:9000');

    const done = await request(tb.server).post(onboard('shop')).send(body);
    expect(done.status).toBe(200);
    expect(done.body.port).toBe(9000);
    const ns = sim.store.get('/namespaces', undefined, 'shop')!;
    expect(ns.metadata.labels).toMatchObject({
      'kubemate.io/owner': 'team-erp',
    });
    expect(ns.metadata.annotations).toMatchObject({
      'kubemate.io/owner': 'group:default/team-erp',
      'linkerd.io/inject': 'enabled',
    });
    const gateway = sim.store.get(
      'gateway.networking.k8s.io/gateways',
      'shop',
      'shop-gateway',
    ) as any;
    expect(gateway.spec.listeners).toEqual([
      expect.objectContaining({ name: 'http', protocol: 'HTTP', port: 9000 }),
    ]);
    // The namespace's own GatewayClass, of Traefik's controller.
    expect(gateway.spec.gatewayClassName).toBe('kubemate-shop');
    expect(
      (
        sim.store.get(
          'gateway.networking.k8s.io/gatewayclasses',
          undefined,
          'kubemate-shop',
        ) as any
      ).spec,
    ).toEqual({ controllerName: 'traefik.io/gateway-controller' });
    expect(traefikArgs()).toContain('--entrypoints.shop.address=:9000');
    const svc = sim.store.get('/services', 'traefik', 'traefik') as any;
    expect(svc.spec.ports).toContainEqual(
      expect.objectContaining({ name: 'gw-9000', port: 9000 }),
    );

    const again = await request(tb.server).post(onboard('shop')).send(body);
    expect(again.status).toBe(200);
    expect(
      again.body.objects.filter(
        (o: { action: string }) => o.action !== 'unchanged',
      ),
    ).toEqual([]);
    expect(
      traefikArgs().filter(a => a.startsWith('--entrypoints.shop.')),
    ).toHaveLength(1);

    // Another namespace gets another port.
    const other = await request(tb.server).post(onboard('shop-two')).send(body);
    expect(other.body).toMatchObject({ port: 9001 });

    const list = await request(tb.server).get('/api/kubemate/namespaces');
    expect(list.status).toBe(200);
    expect(list.body).toMatchObject({
      onboardingConfigured: true,
      sizes: ['small'],
    });
    expect(
      list.body.items.find((n: { name: string }) => n.name === 'shop'),
    ).toMatchObject({
      cluster: 'sim',
      owner: 'group:default/team-erp',
      ownerSource: 'namespace',
      onboarded: true,
      meshInjection: true,
      port: 9000,
      gateway: { name: 'shop-gateway' },
    });
    expect(
      list.body.items.find((n: { name: string }) => n.name === 'shop').missing,
    ).toBeUndefined();

    // Someone deletes the quota: the list says what is missing; onboarding again restores it.
    sim.store.delete('/resourcequotas', 'shop', 'kubemate-quota');
    let missing: string[] | undefined;
    for (let i = 0; i < 50 && !missing; i++) {
      await new Promise(resolve => setTimeout(resolve, 100));
      missing = (
        await request(tb.server).get('/api/kubemate/namespaces')
      ).body.items.find((n: { name: string }) => n.name === 'shop').missing;
    }
    expect(missing).toEqual(['ResourceQuota kubemate-quota']);
    await request(tb.server).post(onboard('shop')).send(body).expect(200);
    for (let i = 0; i < 50 && missing; i++) {
      await new Promise(resolve => setTimeout(resolve, 100));
      missing = (
        await request(tb.server).get('/api/kubemate/namespaces')
      ).body.items.find((n: { name: string }) => n.name === 'shop').missing;
    }
    expect(missing).toBeUndefined();

    // Offboarding: confirmed by name, previewed, then what onboarding made is gone.
    const offboard = `/api/kubemate/namespaces/sim/shop/offboard`;
    const unconfirmed = await request(tb.server)
      .post(offboard)
      .send({ confirm: 'shopp' });
    expect(unconfirmed.status).toBe(400);
    const offPreview = await request(tb.server)
      .post(offboard)
      .send({ confirm: 'shop', dryRun: true });
    expect(offPreview.body.error).toBeUndefined();
    expect(
      offPreview.body.objects.map(
        (o: { kind: string; action: string }) => `${o.kind} ${o.action}`,
      ),
    ).toEqual([
      'Gateway delete',
      'ResourceQuota delete',
      'LimitRange delete',
      'NetworkPolicy delete',
      'Deployment change',
      'Service change',
      'GatewayClass delete',
      'Namespace change',
    ]);
    expect(
      sim.store.get(
        'gateway.networking.k8s.io/gateways',
        'shop',
        'shop-gateway',
      ),
    ).toBeDefined();
    const off = await request(tb.server)
      .post(offboard)
      .send({ confirm: 'shop' });
    expect(off.status).toBe(200);
    expect(
      sim.store.get(
        'gateway.networking.k8s.io/gateways',
        'shop',
        'shop-gateway',
      ),
    ).toBeUndefined();
    expect(traefikArgs()).not.toContain('--entrypoints.shop.address=:9000');
    expect(
      sim.store.get(
        'gateway.networking.k8s.io/gatewayclasses',
        undefined,
        'kubemate-shop',
      ),
    ).toBeUndefined();
    const kept = sim.store.get('/namespaces', undefined, 'shop')!;
    expect(kept.metadata.labels?.['kubemate.io/owner']).toBeUndefined();
    // Its port is free again.
    const reuse = await request(tb.server)
      .post(onboard('shop-three'))
      .send({ ...body, dryRun: true });
    expect(reuse.body.port).toBe(9000);

    const audit = await request(tb.server)
      .get('/api/kubemate/audit')
      .query({ operation: 'namespace-onboard', namespace: 'shop' });
    expect(audit.body.items.map((e: { result: string }) => e.result)).toEqual([
      'succeeded',
      'succeeded',
      'succeeded',
    ]);
    await tb.stop();
  });

  it('refuses without kubemate.namespace.onboard (audited), and explains bad input', async () => {
    const tb = await startKubemateBackend({
      sim,
      entities: [],
      kubemate: { onboarding },
      permissions: permissionsDenying('kubemate.namespace.onboard'),
    });
    const refused = await request(tb.server).post(onboard('nope')).send(body);
    expect(refused.status).toBe(403);
    expect(sim.store.get('/namespaces', undefined, 'nope')).toBeUndefined();
    const audit = await request(tb.server)
      .get('/api/kubemate/audit')
      .query({ operation: 'namespace-onboard', result: 'denied' });
    expect(audit.body.items[0]).toMatchObject({ namespace: 'nope' });
    await tb.stop();

    const admin = await startKubemateBackend({
      sim,
      entities: [],
      kubemate: { onboarding },
    });
    const size = await request(admin.server)
      .post(onboard('nope'))
      .send({ ...body, size: 'huge' });
    expect(size.status).toBe(400);
    expect(size.body.error.message).toBe(
      "Unknown size 'huge' (configured: small)",
    );
    const badName = await request(admin.server)
      .post(onboard('Not_A_Name'))
      .send(body);
    expect(badName.status).toBe(400);
    await admin.stop();
  });
});

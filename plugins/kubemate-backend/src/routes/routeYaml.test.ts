import type { Simulator } from '@kubemate/kube-simulator';
import request from 'supertest';
import { parse, stringify } from 'yaml';
import {
  permissionsDenying,
  startKubemateBackend,
  startSeededSimulator,
  testComponent as component,
} from '../__testUtils__/simulatorBackend';

jest.setTimeout(90_000);

const entities = [
  component(
    'erp-finance',
    { 'backstage.io/kubernetes-id': 'erp-finance' },
    undefined,
    'team-erp',
  ),
  component('payments-api', {
    'backstage.io/kubernetes-id': 'payments-api',
    'backstage.io/kubernetes-namespace': 'bank-payments',
  }),
];
const yamlOf = (entity: string) =>
  `/api/kubemate/entities/component/default/${entity}/yaml`;
const ingressRoute = {
  cluster: 'sim',
  namespace: 'erp-finance',
  kind: 'IngressRoute',
  name: 'erp-finance',
};

describe('legacy IngressRoutes stay editable as YAML', () => {
  let sim: Simulator;
  beforeAll(async () => {
    sim = await startSeededSimulator();
  });
  afterAll(() => sim.stop());

  it('views, previews and applies the YAML of the entity’s IngressRoute (either Traefik group)', async () => {
    const tb = await startKubemateBackend({ sim, entities });
    let viewed = await request(tb.server)
      .get(yamlOf('erp-finance'))
      .query(ingressRoute);
    for (let i = 0; i < 50 && viewed.status === 404; i++) {
      await new Promise(resolve => setTimeout(resolve, 100));
      viewed = await request(tb.server)
        .get(yamlOf('erp-finance'))
        .query(ingressRoute);
    }
    expect(viewed.status).toBe(200);
    const loaded = parse(viewed.body.yaml);
    expect(loaded.apiVersion).toBe('traefik.io/v1alpha1');
    loaded.spec.routes[0].match =
      'Host(`finance.erp.example.com`) && PathPrefix(`/ledger`)';

    const preview = await request(tb.server)
      .post(`${yamlOf('erp-finance')}/preview`)
      .send({ ...ingressRoute, yaml: stringify(loaded) });
    expect(preview.status).toBe(200);
    expect(preview.body.diff).toContain('PathPrefix(`/ledger`)');

    const applied = await request(tb.server)
      .post(`${yamlOf('erp-finance')}/apply`)
      .send({ ...ingressRoute, yaml: stringify(loaded) });
    expect(applied.status).toBe(200);
    expect(
      (
        sim.store.get(
          'traefik.io/ingressroutes',
          'erp-finance',
          'erp-finance',
        ) as any
      ).spec.routes[0].match,
    ).toMatch(/\/ledger/);

    // Another team's entity does not reach it.
    const foreign = await request(tb.server)
      .get(yamlOf('payments-api'))
      .query(ingressRoute);
    expect(foreign.status).toBe(404);
    await tb.stop();
  });

  it('needs kubemate.route.update to apply (refusal audited)', async () => {
    const tb = await startKubemateBackend({
      sim,
      entities,
      permissions: permissionsDenying('kubemate.route.update'),
    });
    const res = await request(tb.server)
      .post(`${yamlOf('erp-finance')}/apply`)
      .send({ ...ingressRoute, yaml: 'kind: IngressRoute' });
    expect(res.status).toBe(403);
    expect(res.body.error.message).toMatch(/kubemate\.route\.update/);
    const audit = await request(tb.server)
      .get('/api/kubemate/audit')
      .query({ operation: 'yaml-apply', kind: 'IngressRoute' });
    expect(audit.body.items[0]).toMatchObject({ result: 'denied' });
    await tb.stop();
  });
});

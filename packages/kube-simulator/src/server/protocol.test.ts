import YAML from 'yaml';
import { api } from '../__testUtils__/http';
import { startSimulator, Simulator } from '../simulator';

describe('content negotiation and request decoding', () => {
  let sim: Simulator;
  let c: ReturnType<typeof api>;
  beforeAll(async () => {
    sim = await startSimulator({ port: 0, tls: false, controllers: false });
    c = api(sim);
    await c.post(
      '/api/v1/namespaces/default/configmaps',
      'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: y\ndata:\n  k: v\n',
      { 'Content-Type': 'application/yaml' },
    );
  });
  afterAll(() => sim.stop());

  it('returns YAML for Accept: application/yaml, in Go key order', async () => {
    const r = await c.get('/api/v1/namespaces/default/configmaps/y', {
      Accept: 'application/yaml',
    });
    expect(r.headers.get('content-type')).toBe('application/yaml');
    expect(
      r.text.startsWith(
        'apiVersion: v1\ndata:\n  k: v\nkind: ConfigMap\nmetadata:\n',
      ),
    ).toBe(true);
    expect(YAML.parse(r.text).metadata.name).toBe('y');
  });

  it('refuses unsupported media types with 406 and 415 Status bodies', async () => {
    expect(
      (
        await c.get('/api/v1/namespaces/default/configmaps/y', {
          Accept: 'text/html',
        })
      ).body,
    ).toMatchObject({
      reason: 'NotAcceptable',
      code: 406,
      message: '406: Not Acceptable',
    });
    const r = await c.post('/api/v1/namespaces/default/configmaps', 'name: x', {
      'Content-Type': 'text/plain',
    });
    expect(r.status).toBe(415);
    expect(r.body.reason).toBe('UnsupportedMediaType');
  });

  it('serves aggregated discovery only when enabled', async () => {
    const accept = {
      Accept:
        'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList',
    };
    expect((await c.get('/apis', accept)).status).toBe(406);
    const sim2 = await startSimulator({
      port: 0,
      tls: false,
      controllers: false,
      aggregatedDiscovery: true,
    });
    const r = await api(sim2).get('/apis', accept);
    expect(r.headers.get('content-type')).toBe(
      'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList',
    );
    const apps = r.body.items.find(
      (g: { metadata: { name: string } }) => g.metadata.name === 'apps',
    );
    expect(
      apps.versions[0].resources
        .find((x: { resource: string }) => x.resource === 'deployments')
        .subresources.map((s: { subresource: string }) => s.subresource),
    ).toEqual(['scale', 'status']);
    await sim2.stop();
  });

  it('serves OpenAPI v3 documents that advertise fieldValidation on PATCH', async () => {
    const index = await c.get('/openapi/v3');
    expect(index.body.paths['apis/apps/v1'].serverRelativeURL).toMatch(
      /^\/openapi\/v3\/apis\/apps\/v1\?hash=/,
    );
    const doc = await c.get('/openapi/v3/apis/apps/v1');
    const item =
      doc.body.paths['/apis/apps/v1/namespaces/{namespace}/deployments/{name}'];
    expect(item.patch['x-kubernetes-group-version-kind']).toEqual({
      group: 'apps',
      version: 'v1',
      kind: 'Deployment',
    });
    expect(
      item.patch.parameters.map((p: { name: string }) => p.name),
    ).toContain('fieldValidation');
    const pb = await fetch(`${sim.url}/openapi/v2`, {
      headers: {
        Authorization: `Bearer ${sim.token}`,
        Accept: 'application/com.github.proto-openapi.spec.v2@v1.0+protobuf',
      },
    });
    expect(Buffer.from(await pb.arrayBuffer()).subarray(0, 5)).toEqual(
      Buffer.from([0x0a, 0x03, 0x32, 0x2e, 0x30]),
    );
  });

  it('counts list pages with remainingItemCount and keeps the first page resourceVersion', async () => {
    for (const n of ['a', 'b', 'c'])
      await c.post('/api/v1/namespaces/default/configmaps', {
        metadata: { name: `page-${n}` },
      });
    const p1 = await c.get('/api/v1/namespaces/default/configmaps?limit=2');
    expect(p1.body.metadata.remainingItemCount).toBe(2);
    await c.post('/api/v1/namespaces/default/configmaps', {
      metadata: { name: 'page-d' },
    });
    const p2 = await c.get(
      `/api/v1/namespaces/default/configmaps?limit=2&continue=${p1.body.metadata.continue}`,
    );
    expect(p2.body.metadata.resourceVersion).toBe(
      p1.body.metadata.resourceVersion,
    );
    const token = JSON.parse(
      Buffer.from(p1.body.metadata.continue, 'base64url').toString(),
    );
    expect(token).toEqual({
      v: 'meta.k8s.io/v1',
      rv: Number(p1.body.metadata.resourceVersion),
      start: 'page-b\u0000',
    });
  });
});

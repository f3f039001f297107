import { parse, stringify } from 'yaml';
import type { Simulator } from '@kubemate/kube-simulator';
import request from 'supertest';
import {
  permissionsDenying,
  startKubemateBackend,
  startSeededSimulator,
  testComponent as component,
} from '../__testUtils__/simulatorBackend';

jest.setTimeout(60_000);

const entities = [
  component(
    'payments-api',
    {
      'backstage.io/kubernetes-id': 'payments-api',
      'backstage.io/kubernetes-namespace': 'bank-payments',
    },
    'core-banking',
  ),
];
const PAYMENTS = '/api/kubemate/entities/component/default/payments-api';

type Secret = {
  metadata: { name: string; namespace: string; resourceVersion: string };
  data: Record<string, string>;
};

describe('reads of Secret values, on record without flooding it', () => {
  let sim: Simulator;
  beforeAll(async () => {
    sim = await startSeededSimulator();
  });
  afterAll(() => sim.stop());

  const secretReads = async (server: unknown) =>
    (
      await request(server as never)
        .get('/api/kubemate/audit')
        .query({ operation: 'secret-read' })
    ).body.items as Array<Record<string, any>>;

  it('serves no Secret values in the workloads answer, and records a YAML read once per new version', async () => {
    const backend = await startKubemateBackend({ sim, entities });
    const server = backend.server;
    const first = await request(server).get(`${PAYMENTS}/workloads`);
    expect(first.status).toBe(200);
    // Even with kubemate.workload.secret.read: sizes only, values are revealed key by key.
    expect(first.body.secretValuesHidden).toBe(true);
    const secret: Secret & { dataSizes: Record<string, number> } =
      first.body.clusters[0].resources.secrets[0];
    expect(Object.values(secret.data).every(v => v === '')).toBe(true);
    expect(Object.values(secret.dataSizes).some(n => n > 0)).toBe(true);
    const served = `sim/${secret.metadata.namespace}/${secret.metadata.name}@${secret.metadata.resourceVersion}`;
    // Nothing was served, nothing to record.
    expect(await secretReads(server)).toHaveLength(0);

    // A Secret's YAML is a read of its values too.
    const target = {
      cluster: 'sim',
      namespace: secret.metadata.namespace,
      kind: 'Secret',
      name: secret.metadata.name,
    };
    const yaml = await request(server).get(`${PAYMENTS}/yaml`).query(target);
    expect(yaml.status).toBe(200);
    // Read again at once: the same version is not recorded again.
    await request(server).get(`${PAYMENTS}/yaml`).query(target);
    const reads = await secretReads(server);
    expect(reads).toHaveLength(1);
    expect(reads[0]).toMatchObject({
      ...target,
      result: 'succeeded',
      parameters: { via: 'yaml', secrets: [served] },
    });
    await backend.stop();
  });

  it("previews a Secret's YAML edit without its values: the changed key is marked, no value leaves", async () => {
    const backend = await startKubemateBackend({ sim, entities });
    const server = backend.server;
    const answer = await request(server).get(`${PAYMENTS}/workloads`);
    const secret: Secret = answer.body.clusters[0].resources.secrets[0];
    const target = {
      cluster: 'sim',
      namespace: secret.metadata.namespace,
      kind: 'Secret',
      name: secret.metadata.name,
    };
    const view = await request(server).get(`${PAYMENTS}/yaml`).query(target);
    const stored = parse(view.body.yaml);
    const [changedKey, ...otherKeys] = Object.keys(stored.data);
    const oldValues = Object.values(stored.data) as string[];
    stored.data[changedKey] = Buffer.from('n3w-v4lue').toString('base64');
    const preview = await request(server)
      .post(`${PAYMENTS}/yaml/preview`)
      .send({ ...target, yaml: stringify(stored) });
    expect(preview.status).toBe(200);
    const text = JSON.stringify(preview.body);
    for (const value of [...oldValues, stored.data[changedKey], 'n3w-v4lue']) {
      expect(text).not.toContain(value);
    }
    expect(preview.body.diff).toContain(
      `+  ${changedKey}: <redacted, changed>`,
    );
    expect(preview.body.diff).toContain(`-  ${changedKey}: <redacted>`);
    for (const key of otherKeys) {
      expect(preview.body.diff).not.toMatch(new RegExp(`[-+]  ${key}:`));
    }
    await backend.stop();
  });

  it('serves no values and records each refusal without kubemate.workload.secret.read', async () => {
    const backend = await startKubemateBackend({
      sim,
      entities,
      permissions: permissionsDenying('kubemate.workload.secret.read'),
    });
    const server = backend.server;
    const answer = await request(server).get(`${PAYMENTS}/workloads`);
    expect(answer.body.secretValuesHidden).toBe(true);
    // Keys only: nothing was read, nothing to record.
    expect(await secretReads(server)).toHaveLength(0);

    const secret: Secret = answer.body.clusters[0].resources.secrets[0];
    const target = {
      cluster: 'sim',
      namespace: secret.metadata.namespace,
      kind: 'Secret',
      name: secret.metadata.name,
    };
    const view = await request(server).get(`${PAYMENTS}/yaml`).query(target);
    expect(view.status).toBe(403);
    const preview = await request(server)
      .post(`${PAYMENTS}/yaml/preview`)
      .send({ ...target, yaml: 'kind: Secret\n' });
    expect(preview.status).toBe(403);
    const reads = await secretReads(server);
    expect(reads.map(r => `${r.result}:${r.parameters.via}:${r.name}`)).toEqual(
      [`denied:yaml-preview:${target.name}`, `denied:yaml:${target.name}`],
    );
    expect(reads[0].error).toBe(
      "Missing permission 'kubemate.workload.secret.read' on 'component:default/payments-api'",
    );
    await backend.stop();
  });
});

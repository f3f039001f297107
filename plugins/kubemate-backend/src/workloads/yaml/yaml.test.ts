import type { Simulator } from '@kubemate/kube-simulator';
import type { Server } from 'node:http';
import request from 'supertest';
import { parse, stringify } from 'yaml';
import {
  permissionsDenying,
  startKubemateBackend,
  startSeededSimulator,
  ACCOUNTS_DEPLOYMENT,
  componentWithId,
} from '../../__testUtils__/simulatorBackend';

jest.setTimeout(90_000);

const entities = [
  componentWithId('accounts-service'),
  componentWithId('payments-api'),
];
const YAML = '/api/kubemate/entities/component/default/accounts-service/yaml';
const deployment = ACCOUNTS_DEPLOYMENT;

/** The entity's audit events of one operation, newest first, through the audit API. */
async function auditOf(server: Server, operation: string) {
  const res = await request(server)
    .get('/api/kubemate/audit')
    .query({ entityRef: 'component:default/accounts-service', operation });
  expect(res.status).toBe(200);
  return res.body.items as Array<Record<string, string>>;
}

type Edited = {
  metadata: Record<string, unknown>;
  spec: {
    replicas: number;
    template: { spec: { containers: Array<{ image: string }> } };
  };
};

/** The viewed YAML with replicas and image changed. */
function edit(yamlText: string, replicas: number, image: string): string {
  const object = parse(yamlText) as Edited;
  object.spec.replicas = replicas;
  object.spec.template.spec.containers[0].image = image;
  return stringify(object);
}

describe('YAML view, preview and apply against the Kubernetes simulator', () => {
  let sim: Simulator;
  beforeAll(async () => {
    sim = await startSeededSimulator();
  });
  afterAll(() => sim.stop());

  it('views, previews without changing, applies, and refuses a stale edit', async () => {
    const backend = await startKubemateBackend({ sim, entities });
    const server = backend.server;

    const viewed = await request(server).get(YAML).query(deployment);
    expect(viewed.status).toBe(200);
    const loaded = viewed.body.yaml as string;
    expect(loaded).toMatch(/^kind: Deployment$/m);
    expect(loaded).toMatch(/resourceVersion: "?\d+"?/);
    expect(loaded).toMatch(/replicas: 2/);
    expect(loaded).not.toMatch(/managedFields/);
    expect(parse(loaded).status).toBeUndefined();

    const newImage =
      'registry.bank.example.com/core/accounts-service-java:3.3.0';
    const edited = edit(loaded, 3, newImage);
    const preview = await request(server)
      .post(`${YAML}/preview`)
      .send({ ...deployment, yaml: edited });
    expect(preview.status).toBe(200);
    expect(preview.body.before).toMatch(/replicas: 2/);
    expect(preview.body.after).toMatch(/replicas: 3/);
    const diff = (preview.body.diff as string).split('\n');
    expect(diff[0]).toMatch(/^@@ -\d+,\d+ \+\d+,\d+ @@$/);
    expect(diff).toContain('-  replicas: 2');
    expect(diff).toContain('+  replicas: 3');
    expect(diff).toContainEqual(
      expect.stringMatching(/^-\s+image: .*:3\.2\.0$/),
    );
    expect(diff).toContainEqual(
      expect.stringMatching(/^\+\s+image: .*:3\.3\.0$/),
    );

    // The dry run changed nothing.
    const unchanged = await request(server).get(YAML).query(deployment);
    expect(parse(unchanged.body.yaml).spec.replicas).toBe(2);
    expect(parse(unchanged.body.yaml).metadata.resourceVersion).toBe(
      parse(loaded).metadata.resourceVersion,
    );

    const applied = await request(server)
      .post(`${YAML}/apply`)
      .send({ ...deployment, yaml: edited });
    expect(applied.status).toBe(200);
    expect(applied.body.object.spec.replicas).toBe(3);
    const inCluster = sim.store.get(
      'apps/deployments',
      'bank-core',
      'accounts-service',
    );
    expect(inCluster?.spec.replicas).toBe(3);
    expect(inCluster?.spec.template.spec.containers[0].image).toBe(newImage);

    // Applying an edit of the YAML as first loaded: its resourceVersion is stale.
    const stale = await request(server)
      .post(`${YAML}/apply`)
      .send({ ...deployment, yaml: edit(loaded, 5, newImage) });
    expect(stale.status).toBe(409);
    expect(stale.body.error.name).toBe('ConflictError');
    expect(stale.body.error.message).toMatch(
      /has changed since its YAML was loaded.*reload it and re-apply/,
    );
    expect(
      sim.store.get('apps/deployments', 'bank-core', 'accounts-service')?.spec
        .replicas,
    ).toBe(3);

    const audit = await auditOf(server, 'yaml-apply');
    expect(audit.map(e => e.result)).toEqual(['failed', 'succeeded']);
    expect(audit[1]).toMatchObject({
      actor: expect.stringMatching(/^user:/),
      cluster: 'sim',
      namespace: 'bank-core',
      kind: 'Deployment',
      name: 'accounts-service',
    });
    expect(audit[1].beforeYaml).toMatch(/replicas: 2/);
    expect(audit[1].afterYaml).toMatch(/replicas: 3/);
    expect(audit[0].error).toMatch(/has changed since its YAML was loaded/);
    await backend.stop();
  });

  it('shows the inspection findings of the object as edited, marking those the edit brings', async () => {
    const backend = await startKubemateBackend({ sim, entities });
    try {
      const viewed = await request(backend.server).get(YAML).query(deployment);
      const object = parse(viewed.body.yaml);
      const container = object.spec.template.spec.containers[0];
      container.securityContext = {
        ...container.securityContext,
        privileged: true,
      };
      const preview = await request(backend.server)
        .post(`${YAML}/preview`)
        .send({ ...deployment, yaml: stringify(object) });
      expect(preview.status).toBe(200);
      const findings = preview.body.findings as Array<Record<string, any>>;
      expect(findings).toContainEqual(
        expect.objectContaining({
          ruleId: 'container-privileged',
          severity: 'high',
          kind: 'Deployment',
          name: deployment.name,
          container: container.name,
          introduced: true,
        }),
      );
      // High severity first; what the object already had is not marked as the edit's.
      expect(findings[0].severity).toBe('high');
      const old = findings.filter(f => !f.introduced);
      expect(old.length).toBeGreaterThan(0);
      expect(old.map(f => f.ruleId)).not.toContain('container-privileged');

      // The same YAML unchanged: nothing is new.
      const same = await request(backend.server)
        .post(`${YAML}/preview`)
        .send({ ...deployment, yaml: viewed.body.yaml });
      expect(
        (same.body.findings as Array<{ introduced: boolean }>).some(
          f => f.introduced,
        ),
      ).toBe(false);
    } finally {
      await backend.stop();
    }
  });

  it('answers 400 for YAML that is invalid or describes another object', async () => {
    const backend = await startKubemateBackend({ sim, entities });
    const server = backend.server;
    const { yaml: loaded } = (await request(server).get(YAML).query(deployment))
      .body;

    const renamed = parse(loaded);
    renamed.metadata.name = 'other-name';
    renamed.kind = 'StatefulSet';
    const mismatch = await request(server)
      .post(`${YAML}/apply`)
      .send({ ...deployment, yaml: stringify(renamed) });
    expect(mismatch.status).toBe(400);
    expect(mismatch.body.error.message).toMatch(
      /kind is 'StatefulSet' but must be 'Deployment'/,
    );
    expect(mismatch.body.error.message).toMatch(
      /metadata\.name is 'other-name' but must be 'accounts-service'/,
    );

    const broken = await request(server)
      .post(`${YAML}/preview`)
      .send({
        ...deployment,
        yaml: 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: [oops\n',
      });
    expect(broken.status).toBe(400);
    expect(broken.body.error.message).toMatch(
      /^Invalid YAML at line \d+, column \d+/,
    );

    const twoDocuments = await request(server)
      .post(`${YAML}/preview`)
      .send({ ...deployment, yaml: `${loaded}---\n${loaded}` });
    expect(twoDocuments.status).toBe(400);
    expect(twoDocuments.body.error.message).toMatch(/exactly one document/);

    const withoutVersion = parse(loaded);
    delete withoutVersion.metadata.resourceVersion;
    const unconditional = await request(server)
      .post(`${YAML}/apply`)
      .send({ ...deployment, yaml: stringify(withoutVersion) });
    expect(unconditional.status).toBe(400);
    expect(unconditional.body.error.message).toMatch(/resourceVersion/);

    // Misspelt keys are refused by name (fieldValidation=Strict), not silently dropped.
    const misspelt = parse(loaded);
    misspelt.spce = misspelt.spec;
    misspelt.metadata.lables = { team: 'x' };
    for (const step of ['preview', 'apply']) {
      const typo = await request(server)
        .post(`${YAML}/${step}`)
        .send({ ...deployment, yaml: stringify(misspelt) });
      expect(typo.status).toBe(400);
      expect(typo.body.error.message).toContain(
        'unknown field "spce", unknown field "metadata.lables"',
      );
    }
    const after = parse(
      (await request(server).get(YAML).query(deployment)).body.yaml,
    );
    expect(after.metadata.resourceVersion).toBe(
      parse(loaded).metadata.resourceVersion,
    );

    const badName = await request(server)
      .post(`${YAML}/apply`)
      .send({ ...deployment, name: 'Not_A_Name', yaml: loaded });
    expect(badName.status).toBe(400);
    await backend.stop();
  });

  it("refuses without permission (audited as denied) and hides other entities' objects", async () => {
    const backend = await startKubemateBackend({
      sim,
      entities,
      permissions: permissionsDenying('kubemate.workload.yaml.apply'),
    });
    const server = backend.server;
    const viewed = await request(server).get(YAML).query(deployment);
    expect(viewed.status).toBe(200);

    const denied = await request(server)
      .post(`${YAML}/apply`)
      .send({ ...deployment, yaml: viewed.body.yaml });
    expect(denied.status).toBe(403);
    expect(denied.body.error.message).toMatch(
      /kubemate\.workload\.yaml\.apply/,
    );
    const deniedPreview = await request(server)
      .post(`${YAML}/preview`)
      .send({ ...deployment, yaml: viewed.body.yaml });
    expect(deniedPreview.status).toBe(403);
    const audit = await auditOf(server, 'yaml-apply');
    expect(audit.map(e => e.result)).toEqual(['denied']);

    const foreign = {
      ...deployment,
      namespace: 'bank-payments',
      name: 'payments-api',
    };
    const notOurs = await request(server).get(YAML).query(foreign);
    expect(notOurs.status).toBe(404);
    expect(notOurs.body.error.message).toMatch(
      /is not a workload of component:default\/accounts-service/,
    );
    await backend.stop();
  });
});

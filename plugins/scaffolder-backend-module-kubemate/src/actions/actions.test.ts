import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import type { Simulator } from '@kubemate/kube-simulator';
// Tests only: the Kubemate backend against the simulator, as Kubemate's own tests start it.
// eslint-disable-next-line @backstage/no-forbidden-package-imports, @backstage/no-mixed-plugin-imports
import {
  permissionsDenying,
  startKubemateBackend,
  startSeededSimulator,
  testComponent,
} from '@kubemate/plugin-kubemate-backend/src/__testUtils__/simulatorBackend';
import fs from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { KubemateClient } from '../KubemateClient';
import { createCatalogRegisterAction } from './catalogRegister';
import { createManifestsApplyAction } from './manifestsApply';
import { createNamespaceOnboardAction } from './namespaceOnboard';
import { createReleaseCreateAction } from './releaseCreate';
import { createRouteCreateAction } from './routeCreate';

jest.setTimeout(120_000);

/** The guest, of team-banking, which owns bank-payments. */
const guest = mockServices.userInfo.mock({
  getUserInfo: async () => ({
    userEntityRef: 'user:default/guest',
    ownershipEntityRefs: ['user:default/guest', 'group:default/team-banking'],
  }),
}).factory;

const deployment = (name: string, image: string) => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name, labels: { 'backstage.io/kubernetes-id': name } },
  spec: {
    replicas: 1,
    selector: { matchLabels: { app: name } },
    template: {
      metadata: { labels: { app: name, 'backstage.io/kubernetes-id': name } },
      spec: {
        containers: [
          {
            name: 'app',
            image,
            resources: {
              requests: { cpu: '50m', memory: '64Mi' },
              limits: { cpu: '200m', memory: '128Mi' },
            },
          },
        ],
      },
    },
  },
});
const service = (name: string) => ({
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name, labels: { 'backstage.io/kubernetes-id': name } },
  spec: { selector: { app: name }, ports: [{ port: 80, targetPort: 8080 }] },
});

/** A step's context as the scaffolder gives it, with the step log collected. */
function context(
  input: object,
  options: { dryRun?: boolean; workspacePath?: string } = {},
) {
  const log: string[] = [];
  const outputs: Record<string, unknown> = {};
  const logger = {
    info: (m: string) => log.push(`info ${m}`),
    warn: (m: string) => log.push(`warn ${m}`),
    error: (m: string) => log.push(`error ${m}`),
    debug: () => {},
    child: () => logger,
  };
  const ctx = {
    input,
    logger,
    isDryRun: options.dryRun ?? false,
    workspacePath: options.workspacePath ?? os.tmpdir(),
    getInitiatorCredentials: async () =>
      mockCredentials.user('user:default/guest'),
    output: (name: string, value: unknown) => {
      outputs[name] = value;
    },
  };
  return { ctx: ctx as never, log, outputs };
}

describe('the Kubemate scaffolder actions against the simulator', () => {
  let sim: Simulator;
  beforeAll(async () => {
    sim = await startSeededSimulator();
  });
  afterAll(() => sim.stop());

  const clientFor = (tb: { server: { address(): unknown } }) => {
    const { port } = tb.server.address() as AddressInfo;
    return new KubemateClient({
      discovery: {
        getBaseUrl: async () => `http://localhost:${port}/api/kubemate`,
        getExternalBaseUrl: async () => `http://localhost:${port}/api/kubemate`,
      },
      auth: mockServices.auth(),
      requestTimeoutMs: 10_000,
    });
  };

  it('kubemate:manifests:apply: a dry run changes nothing, applying twice is idempotent', async () => {
    const tb = await startKubemateBackend({
      sim,
      entities: [],
      features: [guest],
    });
    const apply = createManifestsApplyAction(clientFor(tb));
    const workspace = await fs.mkdtemp(path.join(os.tmpdir(), 'kubemate-'));
    await fs.mkdir(path.join(workspace, 'manifests'));
    await fs.writeFile(
      path.join(workspace, 'manifests', 'app.yaml'),
      `${JSON.stringify(
        deployment('greeter', 'ghcr.io/kubemate/greeter:1.0.0'),
      )}\n---\n${JSON.stringify(service('greeter'))}\n`,
    );
    const input = {
      cluster: 'sim',
      namespace: 'bank-payments',
      manifestsPath: './manifests',
      rolloutTimeoutSeconds: 60,
    };

    const dry = context(input, { dryRun: true, workspacePath: workspace });
    await apply.handler(dry.ctx);
    expect(dry.outputs).toMatchObject({
      objects: ['create Deployment greeter', 'create Service greeter'],
      rollout: 'skipped',
    });
    expect(dry.log).toContain('info would create Deployment greeter');
    expect(
      sim.store.get('apps/deployments', 'bank-payments', 'greeter'),
    ).toBeUndefined();
    expect(
      sim.store.get('/services', 'bank-payments', 'greeter'),
    ).toBeUndefined();

    const first = context(input, { workspacePath: workspace });
    await apply.handler(first.ctx);
    expect(first.outputs).toMatchObject({
      objects: ['create Deployment greeter', 'create Service greeter'],
      rollout: 'succeeded',
    });
    expect(first.log).toContain(
      'info Rolled out: Deployment greeter 1/1 ready',
    );

    const second = context(input, { workspacePath: workspace });
    await apply.handler(second.ctx);
    expect(second.outputs).toMatchObject({
      objects: ['unchanged Deployment greeter', 'unchanged Service greeter'],
      rollout: 'succeeded',
    });
    await tb.stop();
  });

  it('kubemate:manifests:apply: a failing rollout prints its events and fails the step', async () => {
    const tb = await startKubemateBackend({
      sim,
      entities: [],
      features: [guest],
    });
    const apply = createManifestsApplyAction(clientFor(tb));
    const step = context({
      cluster: 'sim',
      namespace: 'bank-payments',
      manifests: [
        deployment('unpullable', 'ghcr.io/kubemate/greeter:doesnotexist'),
      ],
      rolloutTimeoutSeconds: 4,
    });
    await expect(apply.handler(step.ctx)).rejects.toThrow(
      'The rollout in bank-payments did not finish: Not rolled out within 4 s: Deployment unpullable 0/1 ready',
    );
    expect(step.log).toContainEqual(
      expect.stringMatching(
        /^error {3}Pod unpullable-.*: Failed Failed to pull image "ghcr.io\/kubemate\/greeter:doesnotexist"/,
      ),
    );
    await tb.stop();
  });

  it('kubemate:manifests:apply: refuses an image outside kubemate.images, dry run included, and audits the refusal', async () => {
    const tb = await startKubemateBackend({
      sim,
      entities: [],
      features: [guest],
      kubemate: {
        images: [
          { registry: 'ghcr.io', repository: 'kubemate/greeter' },
          {
            registry: 'docker.io',
            repository: 'library/nginx',
            tags: ['1.27'],
          },
        ],
      },
    });
    const apply = createManifestsApplyAction(clientFor(tb));
    const input = (image: string) => ({
      cluster: 'sim',
      namespace: 'bank-payments',
      manifests: [deployment('miner', image), service('miner')],
      rolloutTimeoutSeconds: 0,
    });
    for (const dryRun of [true, false]) {
      await expect(
        apply.handler(
          context(input('quay.io/evil/miner:1.0.0'), { dryRun }).ctx,
        ),
      ).rejects.toThrow(
        'Applying to bank-payments failed. Kubemate refused (400): manifests[0] (Deployment miner), container app: image quay.io/evil/miner:1.0.0 is refused: quay.io/evil/miner is not an approved registry and repository (kubemate.images). Approved: ghcr.io/kubemate/greeter; docker.io/library/nginx (1.27)',
      );
    }
    await expect(
      apply.handler(context(input('nginx:latest')).ctx),
    ).rejects.toThrow(
      'image nginx:latest is refused: tag latest of docker.io/library/nginx is not one of the approved tags: 1.27.',
    );
    expect(
      sim.store.get('apps/deployments', 'bank-payments', 'miner'),
    ).toBeUndefined();
    expect(
      sim.store.get('/services', 'bank-payments', 'miner'),
    ).toBeUndefined();
    const audit = await request(tb.server)
      .get('/api/kubemate/audit')
      .query({ result: 'denied' });
    expect(
      audit.body.items.filter((e: any) => e.operation === 'namespace-apply'),
    ).toHaveLength(3);

    // Approved images go through: Docker Hub short names as the runtime reads them.
    const ok = context(input('nginx:1.27'), { dryRun: true });
    await apply.handler(ok.ctx);
    expect(ok.outputs.objects).toEqual([
      'create Deployment miner',
      'create Service miner',
    ]);
    await tb.stop();
  });

  it('refuses a user without the permission, and the refusal is audited', async () => {
    const tb = await startKubemateBackend({
      sim,
      entities: [],
      features: [guest],
      permissions: permissionsDenying(
        'kubemate.namespace.apply',
        'kubemate.namespace.onboard',
      ),
    });
    const apply = createManifestsApplyAction(clientFor(tb));
    const step = context({
      cluster: 'sim',
      namespace: 'bank-payments',
      manifests: [service('forbidden')],
    });
    await expect(apply.handler(step.ctx)).rejects.toThrow(
      "Applying to bank-payments failed. Kubemate refused (403): Missing permission 'kubemate.namespace.apply'",
    );
    const onboard = createNamespaceOnboardAction(clientFor(tb));
    await expect(
      onboard.handler(
        context({
          cluster: 'sim',
          namespace: 'forbidden',
          owner: 'team-banking',
          size: 'small',
        }).ctx,
      ),
    ).rejects.toThrow(
      "Onboarding forbidden failed. Kubemate refused (403): Missing permission 'kubemate.namespace.onboard'",
    );
    expect(
      sim.store.get('/services', 'bank-payments', 'forbidden'),
    ).toBeUndefined();
    const audit = await request(tb.server)
      .get('/api/kubemate/audit')
      .query({ result: 'denied' });
    expect(
      audit.body.items
        .map((e: any) => `${e.operation} ${e.actor} ${e.namespace}`)
        .sort(),
    ).toEqual([
      'namespace-apply user:default/guest bank-payments',
      'namespace-onboard user:default/guest forbidden',
    ]);
    await tb.stop();
  });

  it('kubemate:namespace:onboard and kubemate:route:create: dry run first, then idempotent', async () => {
    const tb = await startKubemateBackend({
      sim,
      entities: [
        testComponent('greeter-web', {
          'backstage.io/kubernetes-id': 'greeter-web',
        }),
      ],
      features: [guest],
      kubemate: {
        onboarding: {
          gateway: { ports: { from: 9100, to: 9101 } },
          sizes: { small: { quota: { pods: '20' } } },
        },
      },
    });
    const onboard = createNamespaceOnboardAction(clientFor(tb));
    const onboardInput = {
      cluster: 'sim',
      namespace: 'greeter',
      owner: 'team-banking',
      size: 'small',
    };
    const dry = context(onboardInput, { dryRun: true });
    await onboard.handler(dry.ctx);
    expect(dry.outputs.changed).toContain('create Namespace /greeter');
    expect(sim.store.get('/namespaces', undefined, 'greeter')).toBeUndefined();
    await onboard.handler(context(onboardInput).ctx);
    expect(sim.store.get('/namespaces', undefined, 'greeter')).toBeDefined();
    const again = context(onboardInput);
    await onboard.handler(again.ctx);
    expect(again.outputs.changed).toEqual([]);
    expect(again.log).toContain(
      'info Namespace greeter is already onboarded: nothing to change',
    );

    await createManifestsApplyAction(clientFor(tb)).handler(
      context({
        cluster: 'sim',
        namespace: 'greeter',
        manifests: [service('greeter-web')],
      }).ctx,
    );
    const route = createRouteCreateAction(clientFor(tb));
    const routeInput = {
      entityRef: 'component:default/greeter-web',
      cluster: 'sim',
      namespace: 'greeter',
      name: 'greeter-web',
      hostname: 'greeter.example.com',
      serviceName: 'greeter-web',
      servicePort: 80,
    };
    const preview = context(routeInput, { dryRun: true });
    await route.handler(preview.ctx);
    expect(preview.outputs).toEqual({ name: 'greeter-web', created: false });
    expect(
      sim.store.get(
        'gateway.networking.k8s.io/httproutes',
        'greeter',
        'greeter-web',
      ),
    ).toBeUndefined();
    const created = context(routeInput);
    await route.handler(created.ctx);
    expect(created.outputs).toEqual({ name: 'greeter-web', created: true });
    const stored = sim.store.get(
      'gateway.networking.k8s.io/httproutes',
      'greeter',
      'greeter-web',
    ) as any;
    expect(stored.spec.parentRefs[0].name).toBe('greeter-gateway');
    const twice = context(routeInput);
    await route.handler(twice.ctx);
    expect(twice.outputs).toEqual({ name: 'greeter-web', created: false });
    expect(twice.log).toContain(
      'info HTTPRoute greeter/greeter-web exists already: left as it is',
    );
    const invalid = context({
      ...routeInput,
      name: 'bad-route',
      path: 'no-slash',
    });
    await expect(route.handler(invalid.ctx)).rejects.toThrow(
      /^Creating the route failed. Kubemate refused \(400\)/,
    );
    await tb.stop();
  });

  it('kubemate:route:create: a dry run for a Component this run would register validates the route without waiting', async () => {
    const tb = await startKubemateBackend({
      sim,
      entities: [],
      features: [guest],
    });
    const route = createRouteCreateAction(clientFor(tb));
    const input = {
      entityRef: 'component:default/not-yet',
      cluster: 'sim',
      namespace: 'bank-payments',
      name: 'not-yet',
      hostname: 'not-yet.payments.bank.example.com',
      serviceName: 'not-yet',
      servicePort: 80,
    };
    const started = Date.now();
    const dry = context(input, { dryRun: true });
    await route.handler(dry.ctx);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(dry.outputs).toEqual({ name: 'not-yet', created: false });
    expect(dry.log.join('\n')).toContain(
      'component:default/not-yet is not in the catalog yet (this run registers it): the route is valid; would create:',
    );
    expect(dry.log.join('\n')).toContain(
      'parentRefs:\n    - name: bank-payments-gateway',
    );
    await expect(
      route.handler(
        context({ ...input, hostname: 'Not A Host' }, { dryRun: true }).ctx,
      ),
    ).rejects.toThrow(/^Invalid route:\n {2}spec\.hostnames\[0\]: /);
    expect(
      sim.store.get(
        'gateway.networking.k8s.io/httproutes',
        'bank-payments',
        'not-yet',
      ),
    ).toBeUndefined();
    await tb.stop();
  });

  it('kubemate:catalog:register: a dry run stores nothing; the Component of the user’s group is served to the catalog', async () => {
    const tb = await startKubemateBackend({
      sim,
      entities: [],
      features: [guest],
    });
    const register = createCatalogRegisterAction(clientFor(tb));
    const workspace = await fs.mkdtemp(path.join(os.tmpdir(), 'kubemate-'));
    await fs.writeFile(
      path.join(workspace, 'catalog-info.yaml'),
      `apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: greeter
  annotations:
    backstage.io/kubernetes-id: greeter
    backstage.io/kubernetes-namespace: bank-payments
spec:
  type: service
  lifecycle: experimental
  owner: group:default/team-banking
`,
    );
    const input = { catalogInfoPath: './catalog-info.yaml' };
    const dry = context(input, { dryRun: true, workspacePath: workspace });
    await register.handler(dry.ctx);
    expect(dry.outputs).toEqual({ entityRef: 'component:default/greeter' });
    const served = async () =>
      (
        await request(tb.server)
          .get('/api/kubemate/catalog/created-entities')
          .set('Authorization', mockCredentials.service.header())
      ).body.items.map((e: any) => e.metadata.name);
    expect(await served()).toEqual([]);
    const done = context(input, { workspacePath: workspace });
    await register.handler(done.ctx);
    expect(done.log).toContain(
      'info Registered component:default/greeter; the catalog shows it within seconds',
    );
    expect(await served()).toEqual(['greeter']);
    await tb.stop();
  });

  it('kubemate:release:create: a dry run validates and starts nothing; a user without the permission is refused', async () => {
    const tb = await startKubemateBackend({
      sim,
      entities: [
        testComponent('payments-api', {
          'backstage.io/kubernetes-id': 'payments-api',
        }),
      ],
      features: [guest],
      permissions: permissionsDenying('kubemate.release.create'),
    });
    const release = createReleaseCreateAction(clientFor(tb));
    const input = {
      entityRef: 'component:default/payments-api',
      cluster: 'sim',
      namespace: 'bank-payments',
      service: 'payments-api',
      stable: 'payments-api-v1',
      canary: 'payments-api-v2',
      strategy: 'gray',
      plan: {
        stepSize: 10,
        intervalSeconds: 60,
        thresholds: { minSuccessRate: 0.99, maxP99LatencyMs: 500 },
      },
    };
    const dry = context(input, { dryRun: true });
    await release.handler(dry.ctx);
    expect(dry.outputs).toEqual({ id: '', state: 'dry-run' });
    await expect(
      release.handler(
        context({ ...input, plan: { intervalSeconds: 60 } }, { dryRun: true })
          .ctx,
      ),
    ).rejects.toThrow(/^Invalid release: plan/);
    await expect(release.handler(context(input).ctx)).rejects.toThrow(
      "Starting the release failed. Kubemate refused (403): Missing permission 'kubemate.release.create' on 'component:default/payments-api'",
    );
    await tb.stop();
  });
});

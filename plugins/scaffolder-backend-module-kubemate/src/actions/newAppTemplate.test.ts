import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { ScmIntegrations } from '@backstage/integration';
import { createFetchTemplateAction } from '@backstage/plugin-scaffolder-backend';
import type { Simulator } from '@kubemate/kube-simulator';
// Tests only: the Kubemate backend against the simulator, as Kubemate's own tests start it.
// eslint-disable-next-line @backstage/no-forbidden-package-imports, @backstage/no-mixed-plugin-imports
import {
  startKubemateBackend,
  startSeededSimulator,
} from '@kubemate/plugin-kubemate-backend/src/__testUtils__/simulatorBackend';
import fs from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parse } from 'yaml';
import { KubemateClient } from '../KubemateClient';
import { createManifestsApplyAction, readManifests } from './manifestsApply';

jest.setTimeout(120_000);

/**
 * The "New application" template of examples/templates/new-app rendered by Backstage's own
 * `fetch:template` (the nunjucks setup a run uses), with the values its render step passes, then
 * applied by `kubemate:manifests:apply` to the simulator as its apply step does.
 */
const TEMPLATE_FILE = path.resolve(
  __dirname,
  '../../../../examples/templates/new-app/template.yaml',
);

type Dict = Record<string, any>;

async function loadTemplate() {
  return parse(await fs.readFile(TEMPLATE_FILE, 'utf8')) as Dict;
}

/** What the form fills in untouched: every parameter's default. */
function defaultsOf(template: Dict): Dict {
  const out: Dict = {};
  for (const page of template.spec.parameters as Dict[]) {
    for (const [name, schema] of Object.entries<Dict>(page.properties ?? {})) {
      if (schema.default !== undefined) out[name] = schema.default;
    }
  }
  return out;
}

/** The render step's `values`, each `${{ parameters.x }}` replaced by the parameter as the runner does. */
function renderValues(template: Dict, parameters: Dict): Dict {
  const step = (template.spec.steps as Dict[]).find(s => s.id === 'render')!;
  const values: Dict = {};
  for (const [key, expression] of Object.entries<string>(step.input.values)) {
    const m = /^\$\{\{ parameters\.(\w+) \}\}$/.exec(expression);
    if (!m) throw new Error(`values.${key} is not a parameter: ${expression}`);
    values[key] = parameters[m[1]];
  }
  return values;
}

async function render(parameters: Dict) {
  const template = await loadTemplate();
  const step = (template.spec.steps as Dict[]).find(s => s.id === 'render')!;
  const workspacePath = await fs.mkdtemp(path.join(os.tmpdir(), 'new-app-'));
  const logger = {
    info: () => {},
    warn: () => {},
    error: () => {},
    debug: () => {},
    child: () => logger,
  };
  const fetchTemplate = createFetchTemplateAction({
    reader: mockServices.urlReader.mock(),
    integrations: ScmIntegrations.fromConfig(new ConfigReader({})),
  });
  await fetchTemplate.handler({
    input: {
      url: step.input.url,
      values: renderValues(template, {
        ...defaultsOf(template),
        ...parameters,
      }),
    },
    logger,
    workspacePath,
    templateInfo: {
      baseUrl: pathToFileURL(TEMPLATE_FILE).href,
      entityRef: 'template:default/new-app',
    },
    createTemporaryDirectory: () =>
      fs.mkdtemp(path.join(os.tmpdir(), 'new-app-tmp-')),
    output: () => {},
  } as never);
  const manifests = (await readManifests(
    workspacePath,
    './manifests',
  )) as Dict[];
  const byKind = (kind: string) => manifests.filter(m => m.kind === kind);
  return { workspacePath, manifests, byKind };
}

const required = {
  name: 'greeter',
  owner: 'group:default/team-banking',
  namespace: 'bank-payments',
  image: 'ghcr.io/kubemate/hello:1.0.0',
};

const everything = {
  ...required,
  nodeSelector: [{ key: 'kubernetes.io/os', value: 'linux' }],
  configMaps: [
    {
      name: 'greeter-config',
      mountPath: '/etc/greeter',
      data: [
        { key: 'greeting.txt', value: 'Hello, "world"\nand: more' },
        { key: 'app.properties', value: 'color=blue' },
      ],
    },
    { name: 'greeter-empty', mountPath: '/etc/empty' },
  ],
  secrets: [{ name: 'greeter-db', mountPath: '/var/run/secrets/db' }],
  volume: true,
  volumeSize: '2Gi',
  volumeStorageClass: 'standard',
  volumeAccessMode: 'ReadWriteOnce',
  volumeMountPath: '/data',
  labels: [
    { key: 'team', value: 'banking' },
    { key: 'example.com/tier', value: 'web' },
  ],
};

describe('the New application template', () => {
  it('renders only a Deployment and a Service from the defaults', async () => {
    const { manifests, byKind } = await render(required);
    expect(manifests.map(m => `${m.kind} ${m.metadata.name}`)).toEqual([
      'Deployment greeter',
      'Service greeter',
    ]);
    const [deployment] = byKind('Deployment');
    const pod = deployment.spec.template.spec;
    expect(pod.containers[0].image).toBe('ghcr.io/kubemate/hello:1.0.0');
    expect(pod.nodeSelector).toBeUndefined();
    expect(pod.volumes).toBeUndefined();
    expect(pod.containers[0].volumeMounts).toBeUndefined();
    expect(deployment.metadata.labels).toEqual({
      'app.kubernetes.io/name': 'greeter',
      'backstage.io/kubernetes-id': 'greeter',
    });
  });

  it('renders node selector, ConfigMaps, Secret mounts, a PVC and labels', async () => {
    const { manifests, byKind } = await render(everything);
    expect(manifests.map(m => `${m.kind} ${m.metadata.name}`)).toEqual([
      'ConfigMap greeter-config',
      'ConfigMap greeter-empty',
      'Deployment greeter',
      'PersistentVolumeClaim greeter-data',
      'Service greeter',
    ]);
    const labels = {
      'app.kubernetes.io/name': 'greeter',
      'backstage.io/kubernetes-id': 'greeter',
      team: 'banking',
      'example.com/tier': 'web',
    };
    for (const m of manifests) expect(m.metadata.labels).toEqual(labels);
    const [deployment] = byKind('Deployment');
    expect(deployment.spec.template.metadata.labels).toEqual(labels);
    expect(deployment.spec.selector.matchLabels).toEqual({
      'app.kubernetes.io/name': 'greeter',
    });

    const [config, empty] = byKind('ConfigMap');
    expect(config.data).toEqual({
      'greeting.txt': 'Hello, "world"\nand: more',
      'app.properties': 'color=blue',
    });
    expect(empty.data).toEqual({});

    const pod = deployment.spec.template.spec;
    expect(pod.nodeSelector).toEqual({ 'kubernetes.io/os': 'linux' });
    expect(pod.volumes).toEqual([
      { name: 'config-1', configMap: { name: 'greeter-config' } },
      { name: 'config-2', configMap: { name: 'greeter-empty' } },
      { name: 'secret-1', secret: { secretName: 'greeter-db' } },
      { name: 'data', persistentVolumeClaim: { claimName: 'greeter-data' } },
    ]);
    expect(pod.containers[0].volumeMounts).toEqual([
      { name: 'config-1', mountPath: '/etc/greeter', readOnly: true },
      { name: 'config-2', mountPath: '/etc/empty', readOnly: true },
      { name: 'secret-1', mountPath: '/var/run/secrets/db', readOnly: true },
      { name: 'data', mountPath: '/data' },
    ]);
    const [claim] = byKind('PersistentVolumeClaim');
    expect(claim.spec).toEqual({
      accessModes: ['ReadWriteOnce'],
      storageClassName: 'standard',
      resources: { requests: { storage: '2Gi' } },
    });
  });

  it('leaves out the storage class when none is given', async () => {
    const { byKind } = await render({ ...everything, volumeStorageClass: '' });
    expect(byKind('PersistentVolumeClaim')[0].spec.storageClassName).toBe(
      undefined,
    );
  });

  describe('applied to the simulator', () => {
    let sim: Simulator;
    beforeAll(async () => {
      sim = await startSeededSimulator();
    });
    afterAll(() => sim.stop());

    it('passes inspection and the approved images, and rolls out', async () => {
      const tb = await startKubemateBackend({
        sim,
        entities: [],
        features: [
          mockServices.userInfo.mock({
            getUserInfo: async () => ({
              userEntityRef: 'user:default/guest',
              ownershipEntityRefs: ['group:default/team-banking'],
            }),
          }).factory,
        ],
        kubemate: {
          images: [{ registry: 'ghcr.io', repository: 'kubemate/hello' }],
        },
      });
      const { port } = tb.server.address() as AddressInfo;
      const apply = createManifestsApplyAction(
        new KubemateClient({
          discovery: {
            getBaseUrl: async () => `http://localhost:${port}/api/kubemate`,
            getExternalBaseUrl: async () =>
              `http://localhost:${port}/api/kubemate`,
          },
          auth: mockServices.auth(),
        }),
      );
      const { workspacePath } = await render(everything);
      const template = await loadTemplate();
      const step = (template.spec.steps as Dict[]).find(s => s.id === 'apply')!;
      const log: string[] = [];
      const outputs: Dict = {};
      const logger = {
        info: (m: string) => log.push(m),
        warn: (m: string) => log.push(`warn ${m}`),
        error: (m: string) => log.push(`error ${m}`),
        debug: () => {},
        child: () => logger,
      };
      const ctx = (dryRun: boolean) =>
        ({
          input: {
            cluster: 'sim',
            namespace: 'bank-payments',
            manifestsPath: step.input.manifestsPath,
            failOnHighFindings: true,
            rolloutTimeoutSeconds: 60,
          },
          logger,
          isDryRun: dryRun,
          workspacePath,
          getInitiatorCredentials: async () =>
            mockCredentials.user('user:default/guest'),
          output: (name: string, value: unknown) => {
            outputs[name] = value;
          },
        } as never);
      await apply.handler(ctx(true));
      expect(outputs.findings).toBe(0);
      expect(outputs.objects).toHaveLength(5);
      await apply.handler(ctx(false));
      expect(outputs.rollout).toBe('succeeded');
      expect(
        sim.store.get(
          '/persistentvolumeclaims',
          'bank-payments',
          'greeter-data',
        ),
      ).toBeDefined();
      expect(
        (sim.store.get('/configmaps', 'bank-payments', 'greeter-config') as any)
          .data['greeting.txt'],
      ).toBe('Hello, "world"\nand: more');
      await tb.stop();
    });
  });
});

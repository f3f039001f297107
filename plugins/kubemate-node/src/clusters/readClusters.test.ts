import { ConfigReader } from '@backstage/config';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readClusters } from './readClusters';

const KUBECONFIG = `
apiVersion: v1
kind: Config
clusters:
  - name: dev
    cluster: { server: 'https://dev.example:6443', insecure-skip-tls-verify: true }
  - name: prod
    cluster: { server: 'https://prod.example:6443' }
users:
  - name: ops
    user: { token: secret-token }
contexts:
  - name: dev-ctx
    context: { cluster: dev, user: ops }
  - name: prod-ctx
    context: { cluster: prod, user: ops }
current-context: dev-ctx
`;

type ConfigData = NonNullable<ConstructorParameters<typeof ConfigReader>[0]>;

function configWith(
  kubernetes: ConfigData[string],
  kubemate?: ConfigData[string],
) {
  return new ConfigReader({ kubernetes, ...(kubemate ? { kubemate } : {}) });
}

describe('readClusters', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kubemate-kc-'));
    fs.writeFileSync(path.join(dir, 'kubeconfig.yaml'), KUBECONFIG);
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('reads config clusters the way Backstage Kubernetes does, and skips other locator types', () => {
    const clusters = readClusters(
      configWith({
        clusterLocatorMethods: [
          { type: 'catalog' },
          {
            type: 'config',
            clusters: [
              {
                name: 'sim',
                title: 'Simulator',
                url: 'http://127.0.0.1:6443',
                authProvider: 'serviceAccount',
                serviceAccountToken: 'abc',
                skipTLSVerify: true,
              },
              { name: 'aws', url: 'https://eks', authProvider: 'aws' },
            ],
          },
        ],
      }),
    );
    expect(clusters.map(c => c.name)).toEqual(['sim', 'aws']);
    const sim = clusters[0];
    expect(sim).toMatchObject({
      title: 'Simulator',
      source: 'config',
      skipTLSVerify: true,
    });
    expect(sim.configError).toBeUndefined();
    expect(sim.kubeConfig.getCurrentCluster()?.server).toBe(
      'http://127.0.0.1:6443',
    );
    expect(sim.kubeConfig.getCurrentUser()?.token).toBe('abc');
    expect(clusters[1].configError).toMatch(
      /auth provider 'aws' is not supported/,
    );
  });

  it('reads one cluster per kubeconfig context, optionally filtered', () => {
    const all = readClusters(
      configWith(
        { clusterLocatorMethods: [] },
        { kubeconfig: [{ path: 'kubeconfig.yaml' }] },
      ),
      dir,
    );
    expect(all.map(c => [c.name, c.url, c.skipTLSVerify])).toEqual([
      ['dev-ctx', 'https://dev.example:6443', true],
      ['prod-ctx', 'https://prod.example:6443', false],
    ]);
    expect(all[1].kubeConfig.getCurrentContext()).toBe('prod-ctx');

    const some = readClusters(
      configWith(
        {},
        {
          kubeconfig: [
            { path: path.join(dir, 'kubeconfig.yaml'), contexts: ['prod-ctx'] },
          ],
        },
      ),
    );
    expect(some.map(c => c.name)).toEqual(['prod-ctx']);
  });

  it('fails clearly on a missing kubeconfig file and on duplicate names', () => {
    expect(() =>
      readClusters(
        configWith({}, { kubeconfig: [{ path: 'nope.yaml' }] }),
        dir,
      ),
    ).toThrow(/kubemate.kubeconfig: file '.*nope.yaml' does not exist/);
    expect(() =>
      readClusters(
        configWith(
          {
            clusterLocatorMethods: [
              {
                type: 'config',
                clusters: [
                  {
                    name: 'dev-ctx',
                    url: 'http://x',
                    authProvider: 'serviceAccount',
                  },
                ],
              },
            ],
          },
          { kubeconfig: [{ path: 'kubeconfig.yaml' }] },
        ),
        dir,
      ),
    ).toThrow(/Duplicate Kubernetes cluster name 'dev-ctx'/);
  });
});

import type { KubeObject } from '@kubemate/plugin-kubemate-common';
import { endpointReadiness, formatPort, serviceRow } from './services';

const service: KubeObject = {
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name: 'web', namespace: 'ns', uid: 's1' },
  spec: {
    type: 'NodePort',
    clusterIP: '10.96.0.10',
    selector: { app: 'web' },
    ports: [
      {
        name: 'http',
        port: 80,
        targetPort: 8080,
        protocol: 'TCP',
        nodePort: 30080,
      },
    ],
  },
};

const endpoints = (
  name: string,
  namespace: string,
  subsets: unknown,
): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Endpoints',
  metadata: { name, namespace },
  subsets,
});

describe('endpointReadiness', () => {
  it('counts distinct ready and not-ready addresses of the same-named Endpoints', () => {
    const readiness = endpointReadiness(service, [
      endpoints('web', 'other', [{ addresses: [{ ip: '9.9.9.9' }] }]),
      endpoints('web', 'ns', [
        {
          addresses: [
            { ip: '10.0.0.1', targetRef: { kind: 'Pod', name: 'web-1' } },
            { ip: '10.0.0.2', targetRef: { kind: 'Pod', name: 'web-2' } },
          ],
          notReadyAddresses: [
            { ip: '10.0.0.3', targetRef: { kind: 'Pod', name: 'web-3' } },
          ],
        },
        // The same pods again for a second port set.
        {
          addresses: [
            { ip: '10.0.0.1', targetRef: { kind: 'Pod', name: 'web-1' } },
          ],
        },
      ]),
    ]);
    expect(readiness).toEqual({
      ready: [
        { ip: '10.0.0.1', target: 'web-1' },
        { ip: '10.0.0.2', target: 'web-2' },
      ],
      notReady: [{ ip: '10.0.0.3', target: 'web-3' }],
    });
  });

  it('is undefined without an Endpoints object, empty without subsets', () => {
    expect(endpointReadiness(service, [])).toBeUndefined();
    expect(
      endpointReadiness(service, [endpoints('web', 'ns', undefined)]),
    ).toEqual({
      ready: [],
      notReady: [],
    });
  });
});

describe('formatPort', () => {
  it('shows name, port, target port, protocol and node port', () => {
    expect(
      formatPort({
        name: 'http',
        port: 80,
        targetPort: 8080,
        protocol: 'TCP',
        nodePort: 30080,
      }),
    ).toBe('http 80→8080/TCP (node port 30080)');
    expect(formatPort({ port: 53, targetPort: 53, protocol: 'UDP' })).toBe(
      '53/UDP',
    );
    expect(formatPort({ port: 443, targetPort: 'https' })).toBe(
      '443→https/TCP',
    );
  });
});

describe('serviceRow', () => {
  it('shows an ExternalName service its external name', () => {
    const row = serviceRow(
      {
        ...service,
        spec: { type: 'ExternalName', externalName: 'db.example.com' },
      },
      { endpoints: [], pods: [] },
    );
    expect(row.clusterIP).toBe('db.example.com');
    expect(row.pods).toEqual([]);
  });
});

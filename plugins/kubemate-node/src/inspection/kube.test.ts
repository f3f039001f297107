import { ClusterIndex } from './ClusterIndex';
import {
  imageTag,
  matchesSelector,
  parseQuantity,
  podTemplateOf,
} from './kube';
import { compileTemplate } from './template';
import {
  newTestCronJob,
  newTestDeployment,
  newTestHPA,
  newTestHTTPRoute,
  newTestPDB,
  newTestPod,
  newTestTlsSecret,
} from './__testUtils__/fixtures';

describe('kube helpers', () => {
  it('parses image tags', () => {
    expect(imageTag('nginx')).toBe('');
    expect(imageTag('nginx:1.27')).toBe('1.27');
    expect(imageTag('registry:5000/team/app')).toBe('');
    expect(imageTag('registry:5000/team/app:latest')).toBe('latest');
    expect(imageTag('app@sha256:abc')).toBe('sha256:abc');
  });

  it('parses quantities', () => {
    expect(parseQuantity('500m')).toBe(0.5);
    expect(parseQuantity('1Gi')).toBe(1024 ** 3);
    expect(parseQuantity('2')).toBe(2);
    expect(() => parseQuantity('lots')).toThrow(/invalid quantity/);
  });

  it('matches label selectors like Kubernetes', () => {
    const labels = { app: 'shop', tier: 'web' };
    expect(matchesSelector({}, labels)).toBe(true);
    expect(matchesSelector({ matchLabels: { app: 'shop' } }, labels)).toBe(
      true,
    );
    expect(matchesSelector({ matchLabels: { app: 'db' } }, labels)).toBe(false);
    expect(
      matchesSelector(
        {
          matchExpressions: [
            { key: 'tier', operator: 'In', values: ['web', 'api'] },
          ],
        },
        labels,
      ),
    ).toBe(true);
    expect(
      matchesSelector(
        {
          matchExpressions: [
            { key: 'tier', operator: 'NotIn', values: ['web'] },
          ],
        },
        labels,
      ),
    ).toBe(false);
    expect(
      matchesSelector(
        { matchExpressions: [{ key: 'canary', operator: 'DoesNotExist' }] },
        labels,
      ),
    ).toBe(true);
    expect(
      matchesSelector(
        { matchExpressions: [{ key: 'canary', operator: 'Exists' }] },
        labels,
      ),
    ).toBe(false);
  });

  it('finds pod templates of every workload kind', () => {
    expect(podTemplateOf(newTestDeployment())?.spec.containers).toHaveLength(1);
    expect(podTemplateOf(newTestCronJob())?.metadata.labels).toEqual({
      app: 'report',
    });
    expect(podTemplateOf(newTestPod())?.spec.containers).toHaveLength(1);
    expect(podTemplateOf({ kind: 'Service', spec: {} })).toBeUndefined();
  });
});

describe('ClusterIndex', () => {
  const index = new ClusterIndex([
    newTestDeployment({ name: 'shop' }),
    newTestDeployment({ name: 'db', namespace: 'data' }),
    newTestPod({ name: 'p1', labels: { app: 'shop', v: '1' } }),
    newTestPod({ name: 'p2', labels: { app: 'shop', v: '2' } }),
    newTestPod({ name: 'p3', namespace: 'data', labels: { app: 'shop' } }),
    newTestPDB(),
    newTestHPA({ target: 'shop' }),
    newTestHTTPRoute({ name: 'split', parentService: 'shop' }),
    { kind: 'Ignored' } as never,
    { metadata: { name: 'no-kind' } },
  ]);

  it('indexes by kind, namespace and name', () => {
    expect(index.size).toBe(9);
    expect(index.ofKind('Pod')).toHaveLength(3);
    expect(index.inNamespace('Pod', 'data').map(p => p.metadata?.name)).toEqual(
      ['p3'],
    );
    expect(index.get('Deployment', 'data', 'db')?.metadata?.name).toBe('db');
    expect(index.get('Deployment', 'prod', 'db')).toBeUndefined();
  });

  it('answers relational questions', () => {
    expect(
      index.pods('prod', { app: 'shop' }).map(p => p.metadata?.name),
    ).toEqual(['p1', 'p2']);
    expect(
      index.pods('prod', { app: 'shop', v: '2' }).map(p => p.metadata?.name),
    ).toEqual(['p2']);
    expect(index.pods('prod', { app: 'none' })).toEqual([]);
    expect(index.pods('prod', {})).toEqual([]);
    expect(index.hasPDB(index.get('Deployment', 'prod', 'shop')!)).toBe(true);
    expect(index.hasPDB(index.get('Deployment', 'data', 'db')!)).toBe(false);
    expect(index.hasHPA(index.get('Deployment', 'prod', 'shop')!)).toBe(true);
    expect(index.hasHPA(index.get('Deployment', 'data', 'db')!)).toBe(false);
    expect(
      index.httpRoutesForService('prod', 'shop').map(r => r.metadata?.name),
    ).toEqual(['split']);
  });

  it('reads certificate expiry from TLS secrets', () => {
    const notAfter = new Date('2030-05-06T07:08:09Z');
    expect(
      index.certificateNotAfter(newTestTlsSecret({ notAfter })).toISOString(),
    ).toBe(notAfter.toISOString());
    expect(() =>
      index.certificateNotAfter({
        kind: 'Secret',
        metadata: { name: 's' },
        data: {},
      }),
    ).toThrow(/no tls.crt/);
    expect(() =>
      index.certificateNotAfter({
        kind: 'Secret',
        metadata: { name: 's' },
        data: { 'tls.crt': 'bm90IGEgY2VydA==' },
      }),
    ).toThrow();
  });
});

describe('compileTemplate', () => {
  it('renders dot paths and leaves missing values empty', () => {
    const t = compileTemplate(
      'kubectl -n {{ .namespace }} scale {{.resource}}/{{ .name }} --replicas={{ .params.min }}{{ .container }}',
    );
    expect(
      t.render({
        namespace: 'prod',
        resource: 'deployment',
        name: 'shop',
        params: { min: 2 },
      }),
    ).toBe('kubectl -n prod scale deployment/shop --replicas=2');
  });

  it('rejects unknown placeholders and logic', () => {
    expect(() => compileTemplate('{{ .nam }}')).toThrow(/unknown placeholder/);
    expect(() => compileTemplate('{{ if .name }}')).toThrow(
      /invalid placeholder/,
    );
    expect(() => compileTemplate('{{ .name ')).toThrow(/unterminated/);
  });
});

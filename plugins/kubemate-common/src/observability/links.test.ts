import {
  buildObservabilityLink,
  observabilityLinks,
  validateLinkTemplate,
} from './links';
import type { ObservabilityLinkTemplate } from './types';

const context = {
  cluster: 'prod-1',
  namespace: 'erp-finance',
  kind: 'Deployment',
  name: 'erp-finance',
  entity: { kind: 'Component', namespace: 'default', name: 'erp-finance' },
};

const grafana: ObservabilityLinkTemplate = {
  title: 'Workload dashboard',
  kind: 'grafana',
  url: 'http://localhost:3001/d/k8s-workload?var-cluster=${cluster}&var-namespace=${namespace}&var-workload=${name}',
};
const prometheus: ObservabilityLinkTemplate = {
  title: 'CPU (Prometheus)',
  kind: 'prometheus',
  url: 'http://localhost:9090/graph',
  params: {
    'g0.expr':
      'sum(rate(container_cpu_usage_seconds_total{namespace="${namespace}", pod=~"${name}-.*"}[5m]))',
    'g0.tab': '0',
  },
};

describe('observability links', () => {
  it('builds links from templates, encoding query parameters whole', () => {
    expect(observabilityLinks([grafana, prometheus], context)).toEqual([
      {
        title: 'Workload dashboard',
        kind: 'grafana',
        url: 'http://localhost:3001/d/k8s-workload?var-cluster=prod-1&var-namespace=erp-finance&var-workload=erp-finance',
      },
      {
        title: 'CPU (Prometheus)',
        kind: 'prometheus',
        url: 'http://localhost:9090/graph?g0.expr=sum%28rate%28container_cpu_usage_seconds_total%7Bnamespace%3D%22erp-finance%22%2C%20pod%3D%7E%22erp-finance-.*%22%7D%5B5m%5D%29%29&g0.tab=0',
      },
    ]);
    const url = new URL(observabilityLinks([prometheus], context)[0].url);
    expect(url.searchParams.get('g0.expr')).toBe(
      'sum(rate(container_cpu_usage_seconds_total{namespace="erp-finance", pod=~"erp-finance-.*"}[5m]))',
    );
  });

  it('leaves out links whose placeholders have no value', () => {
    const node = { cluster: 'prod-1', kind: 'Node', name: 'node-1' };
    expect(observabilityLinks([grafana, prometheus], node)).toEqual([]);
  });

  it('lets entity annotations replace the links of their kind', () => {
    const links = observabilityLinks([grafana, prometheus, grafana], context, {
      'kubemate.io/grafana-dashboard':
        'https://grafana.example.com/d/erp?var-ns=${namespace}',
      'kubemate.io/jaeger-traces':
        'https://jaeger.example.com/search?service=${entity.name}',
    });
    expect(links).toEqual([
      {
        title: 'Workload dashboard',
        kind: 'grafana',
        url: 'https://grafana.example.com/d/erp?var-ns=erp-finance',
      },
      expect.objectContaining({ kind: 'prometheus' }),
      {
        title: 'Traces (Jaeger)',
        kind: 'jaeger',
        url: 'https://jaeger.example.com/search?service=erp-finance',
      },
    ]);
  });

  it('never returns a non-http link, even from an annotation', () => {
    expect(
      observabilityLinks([grafana], context, {
        // eslint-disable-next-line no-script-url
        'kubemate.io/grafana-dashboard': 'javascript:alert(1)//${name}',
      }),
    ).toEqual([]);
    expect(
      buildObservabilityLink(
        { title: 'x', kind: 'other', url: 'https://x/${nope}' },
        context,
      ),
    ).toBeUndefined();
  });

  it('explains invalid configured templates', () => {
    expect(() => validateLinkTemplate({ ...grafana, url: 'ftp://x' })).toThrow(
      /must start with http/,
    );
    expect(() =>
      validateLinkTemplate({ ...grafana, kind: 'kibana' as never }),
    ).toThrow(/kind 'kibana'/);
    expect(() =>
      validateLinkTemplate({ ...prometheus, params: { q: '${podName}' } }),
    ).toThrow(/params\.q: unknown placeholder/);
  });
});

describe('values from other plugins’ annotations', () => {
  const jaeger: ObservabilityLinkTemplate = {
    title: 'Traces',
    kind: 'jaeger',
    url: 'https://jaeger.example.com/search?service=${jaeger.service}',
  };
  const dashboards: ObservabilityLinkTemplate = {
    title: 'Team dashboards',
    kind: 'grafana',
    url: 'https://grafana.example.com/dashboards',
    params: { query: '${grafana.selector}' },
  };

  it('fills ${jaeger.service} and ${grafana.selector} from the entity, encoded', () => {
    const links = observabilityLinks([jaeger, dashboards], context, {
      'jaegertracing.io/service': 'payments api',
      'grafana/dashboard-selector': "tags @> 'payments'",
    });
    expect(links.map(l => l.url)).toEqual([
      'https://jaeger.example.com/search?service=payments%20api',
      'https://grafana.example.com/dashboards?query=tags%20%40%3E%20%27payments%27',
    ]);
    expect(new URL(links[1].url).searchParams.get('query')).toBe(
      "tags @> 'payments'",
    );
  });

  it('leaves those links out for an entity without the annotations', () => {
    expect(observabilityLinks([jaeger, dashboards], context, {})).toEqual([]);
  });
});

import { buildObservabilityLink } from './links';

/** The query parameter `key` of a built link, decoded as a browser would. */
const param = (url: string, key: string) => new URL(url).searchParams.get(key);

describe('observability links: queries inside URLs', () => {
  const context = {
    cluster: 'prod-1',
    namespace: 'erp-finance',
    kind: 'Deployment',
    name: 'erp-finance',
    pod: 'erp-finance-7d9c-x2x',
    container: 'app',
    window: {
      from: '2026-12-03T10:00:00.000Z',
      to: '2026-12-04T10:00:00.000Z',
    },
  };

  it('carries a LogQL query with quotes, braces, |= and non-ASCII text intact', () => {
    const link = buildObservabilityLink(
      {
        title: 'Logs',
        kind: 'loki',
        url: 'https://grafana.example.com/explore',
        params: {
          left: '{"datasource":"loki","queries":[{"expr":"{namespace=\\"${namespace}\\", pod=\\"${pod}\\", container=\\"${container}\\"} |= \\"Zahlung fehlgeschlagen – ü\\""}],"range":{"from":"${from}","to":"${to}"}}',
        },
      },
      context,
    );
    expect(link).toBeDefined();
    // Nothing of the query leaks into the URL unencoded.
    expect(link!.url).not.toMatch(/[{}" |ü]/);
    const left = JSON.parse(param(link!.url, 'left')!);
    expect(left.queries[0].expr).toBe(
      '{namespace="erp-finance", pod="erp-finance-7d9c-x2x", container="app"} |= "Zahlung fehlgeschlagen – ü"',
    );
    expect(left.range).toEqual({
      from: String(Date.parse('2026-12-03T10:00:00.000Z')),
      to: String(Date.parse('2026-12-04T10:00:00.000Z')),
    });
  });

  it('carries a PromQL query with regex matchers and brackets', () => {
    const link = buildObservabilityLink(
      {
        title: 'Restarts',
        kind: 'prometheus',
        url: 'https://prometheus.example.com/graph',
        params: {
          'g0.expr':
            'sum by (pod) (increase(kube_pod_container_status_restarts_total{namespace="${namespace}", pod=~"${name}-.*"}[1h])) > 0',
        },
      },
      context,
    );
    expect(param(link!.url, 'g0.expr')).toBe(
      'sum by (pod) (increase(kube_pod_container_status_restarts_total{namespace="erp-finance", pod=~"erp-finance-.*"}[1h])) > 0',
    );
  });

  it('encodes values placed in the URL itself, so a name cannot end the path or add parameters', () => {
    const link = buildObservabilityLink(
      {
        title: 'Trace',
        kind: 'jaeger',
        url: 'https://jaeger.example.com/search?service=${name}&start=${from.us}&end=${to.us}',
      },
      { ...context, name: 'a&b=c/ü' },
    );
    const url = new URL(link!.url);
    expect(url.searchParams.get('service')).toBe('a&b=c/ü');
    expect(url.searchParams.get('start')).toBe(
      `${Date.parse('2026-12-03T10:00:00.000Z')}000`,
    );
    expect(url.searchParams.get('end')).toBe(
      `${Date.parse('2026-12-04T10:00:00.000Z')}000`,
    );
  });

  it('fills ISO times, and leaves out a link whose window is missing', () => {
    const template = {
      title: 'Dashboard',
      kind: 'grafana' as const,
      url: 'https://grafana.example.com/d/x?from=${from.iso}&to=${to.iso}',
    };
    expect(
      new URL(buildObservabilityLink(template, context)!.url).searchParams.get(
        'from',
      ),
    ).toBe('2026-12-03T10:00:00.000Z');
    expect(
      buildObservabilityLink(template, { ...context, window: undefined }),
    ).toBeUndefined();
  });

  it('never builds a non-http link, whatever the values', () => {
    expect(
      buildObservabilityLink(
        { title: 'x', kind: 'other', url: '${name}' },
        // A script URL as a resource name must not become a link.
        { ...context, name: ['javascript', 'alert(1)'].join(':') },
      ),
    ).toBeUndefined();
  });
});

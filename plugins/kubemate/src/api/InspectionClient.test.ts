import { ResponseError } from '@backstage/errors';
import { errorMessage } from '../components/InspectionShared/format';
import { InspectionClient, inspectionQuery } from './InspectionClient';

function client(respond: (url: string, init?: RequestInit) => Response) {
  const calls: Array<{ url: string; init?: RequestInit }> = [];
  const api = new InspectionClient({
    discoveryApi: { getBaseUrl: async () => 'http://backend/api/kubemate' },
    fetchApi: {
      fetch: async (input: any, init?: RequestInit) => {
        calls.push({ url: String(input), init });
        return respond(String(input), init);
      },
    },
  });
  return { api, calls };
}

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json' },
  });

describe('InspectionClient', () => {
  it('sends list filters comma-separated and leaves empty ones out', async () => {
    const { api, calls } = client(() => json({ items: [], total: 0 }));
    await api.listFindings({
      entityRef: ['component:default/payments-api'],
      severity: ['high', 'medium'],
      state: [],
      search: '',
      sort: 'severity',
      order: 'desc',
      limit: 20,
      offset: 40,
    });
    const url = new URL(calls[0].url);
    expect(url.pathname).toBe('/api/kubemate/inspection/findings');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      entityRef: 'component:default/payments-api',
      severity: 'high,medium',
      sort: 'severity',
      order: 'desc',
      limit: '20',
      offset: '40',
    });
    expect(inspectionQuery({})).toBe('');
  });

  it('posts runs and ignore requests as JSON, unignore without a body', async () => {
    const { api, calls } = client(() => json({ id: 'r' }));
    await api.startRun('kubemate-sim');
    await api.ignoreFinding('fp/1', {
      reason: 'accepted-risk',
      until: '2030-01-01',
    });
    await api.unignoreFinding('fp1');
    expect(calls.map(c => [c.url, c.init?.method, c.init?.body])).toEqual([
      [
        'http://backend/api/kubemate/inspection/runs',
        'POST',
        '{"cluster":"kubemate-sim"}',
      ],
      [
        'http://backend/api/kubemate/inspection/findings/fp%2F1/ignore',
        'POST',
        '{"reason":"accepted-risk","until":"2030-01-01"}',
      ],
      [
        'http://backend/api/kubemate/inspection/findings/fp1/unignore',
        'POST',
        undefined,
      ],
    ]);
  });

  it('downloads exports as blobs from the format’s endpoint, with the filters', async () => {
    const { api, calls } = client(
      () =>
        new Response('%PDF-1.7', {
          headers: { 'Content-Type': 'application/pdf' },
        }),
    );
    const blob = await api.exportFindings('pdf', {
      cluster: 'kubemate-sim',
      state: ['ignored'],
    });
    await api.exportFindings('csv', {});
    expect(await blob.text()).toBe('%PDF-1.7');
    expect(calls.map(c => c.url)).toEqual([
      'http://backend/api/kubemate/inspection/report.pdf?cluster=kubemate-sim&state=ignored',
      'http://backend/api/kubemate/inspection/findings.csv',
    ]);
  });

  it('unwraps item lists and turns error bodies into ResponseErrors', async () => {
    const { api } = client(url =>
      url.includes('/trend')
        ? json({ items: [{ runId: 'a' }] })
        : json(
            {
              error: {
                name: 'ConflictError',
                message: 'a run is already in progress',
              },
            },
            409,
          ),
    );
    expect(await api.getTrend({ cluster: 'c', entityRef: 'x' })).toEqual([
      { runId: 'a' },
    ]);
    const err = await api.startRun('c').catch(e => e);
    expect(err).toBeInstanceOf(ResponseError);
    expect(errorMessage(err)).toMatch(/a run is already in progress/);
  });
});

import { sampleRequests } from './sampleRequests';
import type { IngressRouteObject } from './types';

describe('sampleRequests', () => {
  it('probes each host and path, with and without the other conditions', () => {
    const ingressRoute: IngressRouteObject = {
      apiVersion: 'traefik.containo.us/v1alpha1',
      metadata: { name: 'shop', namespace: 'team-a' },
      spec: {
        routes: [
          {
            match:
              'Host(`*.example.com`) && PathPrefix(`/api/`) && Method(`POST`) && Headers(`X-A`, `1`) && Query(`v=2`)',
          },
          { match: 'Path(`/health`) || PathRegexp(`^/v[0-9]+/x`)' },
          { match: 'Host(`broken' },
        ],
      },
    };
    const extras = { headers: { 'X-A': '1' }, query: { v: '2' } };
    expect(sampleRequests(ingressRoute)).toEqual([
      { host: 'sample.example.com', path: '/api/', method: 'POST', ...extras },
      {
        host: 'sample.example.com',
        path: '/api/sample',
        method: 'POST',
        ...extras,
      },
      { host: 'sample.example.com', path: '/api', method: 'POST', ...extras },
      { host: 'sample.example.com', path: '/api/', method: 'GET' },
      { host: 'sample.example.com', path: '/health', method: 'GET' },
      { host: 'sample.example.com', path: '/health/', method: 'GET' },
      { host: 'sample.example.com', path: '/v', method: 'GET' },
    ]);
  });
});

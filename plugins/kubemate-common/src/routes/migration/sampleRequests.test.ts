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
    const samples = sampleRequests(ingressRoute);
    // both sides of each boundary: with and without the trailing slash, below, beside
    for (const path of ['/api/', '/api/sample', '/api', '/apisample']) {
      expect(samples).toContainEqual({
        host: 'sample.example.com',
        path,
        method: 'POST',
        ...extras,
      });
    }
    // without the method and other conditions, on another host, in capitals with a port
    expect(samples).toContainEqual({
      host: 'sample.example.com',
      path: '/api/',
      method: 'GET',
    });
    expect(samples).toContainEqual({
      host: 'other.example.invalid',
      path: '/api/',
      method: 'POST',
      ...extras,
    });
    expect(samples).toContainEqual({
      host: 'SAMPLE.EXAMPLE.COM:443',
      path: '/api/',
      method: 'POST',
      ...extras,
    });
    // PathRegexp is no v2 matcher (traefik.containo.us is read as v2): nothing to probe
    expect(samples.map(r => r.path)).not.toContain('/v');
    for (const path of ['/health', '/health/']) {
      expect(samples).toContainEqual({
        host: 'sample.example.com',
        path,
        method: 'GET',
      });
    }
  });

  it('probes a prefix without a trailing slash where string and segment prefixes differ', () => {
    const paths = sampleRequests({
      apiVersion: 'traefik.io/v1alpha1',
      metadata: { name: 'shop' },
      spec: { routes: [{ match: 'PathPrefix(`/api`)' }] },
    }).map(r => r.path);
    expect(paths).toEqual(['/api', '/api/', '/api/sample', '/apisample']);
  });
});

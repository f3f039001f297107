import { validateHttpRoute } from './validateHttpRoute';
import {
  gatewaySpec,
  linkerd,
  serviceSpec,
  traefik,
  withRules,
} from './__testUtils__/routes';
import type { HttpRouteFilter } from './schema';

const backend = { name: 'web', port: 8080 };
const middleware = (group: string, kind: string): HttpRouteFilter => ({
  type: 'ExtensionRef',
  extensionRef: { group, kind, name: 'strip-prefix' },
});
const headerModifiers: HttpRouteFilter[] = [
  {
    type: 'RequestHeaderModifier',
    requestHeaderModifier: { set: [{ name: 'x-mesh', value: '1' }] },
  },
  {
    type: 'ResponseHeaderModifier',
    responseHeaderModifier: { remove: ['server'] },
  },
];
const meshRule = (rule: object) =>
  serviceSpec({ rules: [{ backendRefs: [backend], ...rule }] });

describe('Traefik', () => {
  it('accepts Gateway parents and ExtensionRefs to Traefik Middlewares', () => {
    expect(
      validateHttpRoute(
        withRules({
          filters: [middleware('traefik.io', 'Middleware')],
          backendRefs: [backend],
          timeouts: { request: '30s' },
        }),
        traefik,
      ),
    ).toEqual([]);
  });

  it('refuses Service parents', () => {
    expect(validateHttpRoute(serviceSpec(), traefik)).toEqual([
      {
        path: 'spec.parentRefs[0].kind',
        message:
          'Traefik serves routes attached to a Gateway listener; Service parents are for the Linkerd mesh',
      },
    ]);
  });

  it('refuses ExtensionRefs to anything but a Middleware', () => {
    const issue = (at: string) => ({
      path: `${at}.extensionRef`,
      message:
        'Traefik takes an ExtensionRef to a Middleware (group traefik.io, kind Middleware)',
    });
    expect(
      validateHttpRoute(
        withRules({
          filters: [middleware('traefik.containo.us', 'Middleware')],
          backendRefs: [
            { ...backend, filters: [middleware('traefik.io', 'TLSOption')] },
          ],
        }),
        traefik,
      ),
    ).toEqual([
      issue('spec.rules[0].filters[0]'),
      issue('spec.rules[0].backendRefs[0].filters[0]'),
    ]);
  });
});

describe('Linkerd', () => {
  it('accepts Service parents, header modifiers and redirects', () => {
    expect(validateHttpRoute(serviceSpec(), linkerd)).toEqual([]);
    expect(
      validateHttpRoute(meshRule({ filters: headerModifiers }), linkerd),
    ).toEqual([]);
    expect(
      validateHttpRoute(
        serviceSpec({
          rules: [
            {
              filters: [
                {
                  type: 'RequestRedirect',
                  requestRedirect: { statusCode: 301, hostname: 'web-v2' },
                },
              ],
            },
          ],
        }),
        linkerd,
      ),
    ).toEqual([]);
  });

  it('refuses Gateway parents and backends other than Services', () => {
    expect(
      validateHttpRoute(
        gatewaySpec({
          rules: [
            {
              backendRefs: [
                {
                  group: 'multicluster.x-k8s.io',
                  kind: 'ServiceImport',
                  name: 'web',
                  port: 80,
                },
              ],
            },
          ],
        }),
        linkerd,
      ),
    ).toEqual([
      {
        path: 'spec.parentRefs[0].kind',
        message:
          "Linkerd serves routes attached to a Service (group '', kind Service)",
      },
      {
        path: 'spec.rules[0].backendRefs[0].kind',
        message: 'Linkerd routes only to Services',
      },
    ]);
  });

  it('refuses filters Linkerd does not support, and ExtensionRefs as Traefik-only', () => {
    expect(
      validateHttpRoute(
        meshRule({
          filters: [
            { type: 'URLRewrite', urlRewrite: { hostname: 'web-v2' } },
            middleware('traefik.io', 'Middleware'),
          ],
          backendRefs: [
            {
              ...backend,
              filters: [
                {
                  type: 'RequestMirror',
                  requestMirror: { backendRef: { name: 'shadow', port: 80 } },
                },
              ],
            },
          ],
        }),
        linkerd,
      ),
    ).toEqual([
      {
        path: 'spec.rules[0].filters[0].type',
        message:
          'Linkerd does not support URLRewrite filters and would ignore the whole route',
      },
      {
        path: 'spec.rules[0].filters[1].type',
        message:
          'ExtensionRef filters (Traefik Middlewares) work only with Traefik',
      },
      {
        path: 'spec.rules[0].backendRefs[0].filters[0].type',
        message:
          'Linkerd does not support RequestMirror filters and would ignore the whole route',
      },
    ]);
  });

  it('refuses filters newer than Gateway API v1.2.1, such as CORS', () => {
    expect(
      validateHttpRoute(
        meshRule({ filters: [{ type: 'CORS', cors: {} }] }),
        linkerd,
      ),
    ).toEqual([
      {
        path: 'spec.rules[0].filters[0].type',
        message:
          'Linkerd does not support CORS filters and would ignore the whole route',
      },
    ]);
  });

  it('refuses timeouts and retries in the spec, which Linkerd reads from annotations', () => {
    expect(
      validateHttpRoute(
        meshRule({ timeouts: { request: '10s' }, retry: { attempts: 2 } }),
        linkerd,
      ),
    ).toEqual([
      {
        path: 'spec.rules[0].timeouts',
        message:
          'Linkerd ignores timeouts here; set the timeout.linkerd.io/request annotation on the route instead',
      },
      {
        path: 'spec.rules[0].retry',
        message:
          'Linkerd ignores retry here; set the retry.linkerd.io annotations on the route instead',
      },
    ]);
  });
});

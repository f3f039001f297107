import http, { IncomingMessage, ServerResponse } from 'http';
import https from 'https';
import { TlsMaterial } from './tls';
import { StatusError, errors } from '../api/errors';
import {
  aggregatedDiscovery,
  apiGroup,
  apiGroupList,
  apiResourceList,
  apiVersions,
  ROOT_PATHS,
  VERSION_INFO,
} from '../api/discovery';
import { hasSub } from '../api/registry';
import { UserInfo } from '../auth/authn';
import { Attributes, forbiddenMessage } from '../auth/rbac';
import { SimContext } from './context';
import { negotiate, Negotiated } from './negotiation';
import { handleResource, send, sendError, sendRaw } from './resources';
import { FaultConfig } from './faults';
import {
  openApiV2,
  openApiV2Protobuf,
  openApiV3GroupVersion,
  openApiV3Index,
} from '../api/openapi';

interface ParsedPath {
  group: string;
  version: string;
  namespace?: string;
  resource?: string;
  name?: string;
  subresource?: string;
}

/** Splits /api/v1/... and /apis/g/v/... the way the apiserver's RequestInfoFactory does. */
function parseResourcePath(parts: string[]): ParsedPath | undefined {
  let group = '';
  let version: string;
  let rest: string[];
  if (parts[0] === 'api') {
    if (parts.length < 2) return undefined;
    version = parts[1];
    rest = parts.slice(2);
  } else {
    if (parts.length < 3) return undefined;
    group = parts[1];
    version = parts[2];
    rest = parts.slice(3);
  }
  if (rest.length === 0) return undefined;
  const out: ParsedPath = { group, version };
  if (rest[0] === 'namespaces' && rest.length > 1) {
    out.namespace = rest[1];
    if (rest.length > 2 && rest[2] !== 'status' && rest[2] !== 'finalize')
      rest = rest.slice(2);
    else {
      out.resource = 'namespaces';
      out.name = rest[1];
      out.subresource = rest[2];
      return out;
    }
  }
  out.resource = rest[0];
  out.name = rest[1];
  out.subresource = rest[2];
  if (rest.length > 3) out.subresource = rest.slice(2).join('/');
  return out;
}

function verbFor(method: string, p: ParsedPath, q: URLSearchParams): string {
  const watch = q.get('watch') === 'true' || q.get('watch') === '1';
  switch (method) {
    case 'GET':
    case 'HEAD':
      if (p.name) return 'get';
      return watch ? 'watch' : 'list';
    case 'POST':
      return 'create';
    case 'PUT':
      return 'update';
    case 'PATCH':
      return 'patch';
    case 'DELETE':
      return p.name ? 'delete' : 'deletecollection';
    default:
      return method.toLowerCase();
  }
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

function notFoundText(res: ServerResponse) {
  res.writeHead(404, {
    'Cache-Control': 'no-cache, private',
    'Content-Type': 'text/plain; charset=utf-8',
    'X-Content-Type-Options': 'nosniff',
  });
  res.end('404 page not found\n');
}

const HEALTH_CHECKS = [
  'ping',
  'log',
  'etcd',
  'poststarthook/start-kube-apiserver-admission-initializer',
  'poststarthook/generic-apiserver-start-informers',
  'poststarthook/priority-and-fairness-config-consumer',
  'poststarthook/priority-and-fairness-filter',
  'poststarthook/start-apiextensions-informers',
  'poststarthook/start-apiextensions-controllers',
  'poststarthook/crd-informer-synced',
  'poststarthook/bootstrap-controller',
  'poststarthook/rbac/bootstrap-roles',
  'poststarthook/scheduling/bootstrap-system-priority-classes',
  'poststarthook/priority-and-fairness-config-producer',
  'poststarthook/start-cluster-authentication-info-controller',
  'poststarthook/start-kube-aggregator-informers',
  'poststarthook/apiservice-registration-controller',
  'poststarthook/apiservice-status-available-controller',
  'poststarthook/kube-apiserver-autoregistration',
  'autoregister-completion',
  'poststarthook/apiservice-openapi-controller',
];

function health(res: ServerResponse, name: string, verbose: boolean) {
  res.writeHead(200, {
    'Cache-Control': 'no-cache, private',
    'Content-Type': 'text/plain; charset=utf-8',
    'X-Content-Type-Options': 'nosniff',
  });
  res.end(
    verbose
      ? `${HEALTH_CHECKS.map(c => `[+]${c} ok`).join(
          '\n',
        )}\n${name} check passed\n`
      : 'ok',
  );
}

/** Resolves the effective user, honouring Impersonate-User for users allowed to impersonate. */
function impersonate(
  ctx: SimContext,
  req: IncomingMessage,
  user: UserInfo,
): UserInfo {
  const target = req.headers['impersonate-user'];
  if (!target || Array.isArray(target)) return user;
  const attrs: Attributes = {
    verb: 'impersonate',
    apiGroup: '',
    resource: 'users',
    name: target,
  };
  if (!ctx.authz.authorize(user, attrs).allowed) {
    throw errors.forbidden(forbiddenMessage(user, attrs), {
      name: target,
      kind: 'users',
    });
  }
  const groupsHdr = req.headers['impersonate-group'];
  const groups = groupsHdr
    ? (Array.isArray(groupsHdr) ? groupsHdr : groupsHdr.split(',')).map(s =>
        s.trim(),
      )
    : [];
  return { name: target, groups: [...groups, 'system:authenticated'] };
}

export function createHandler(ctx: SimContext) {
  return async (req: IncomingMessage, res: ServerResponse) => {
    let neg: Negotiated | undefined;
    try {
      const url = new URL(req.url ?? '/', 'http://localhost');
      const path = url.pathname.replace(/\/+$/, '') || '/';
      const q = url.searchParams;
      const method = req.method ?? 'GET';
      const lat = ctx.faults.latency();
      if (lat > 0 && !path.startsWith('/simulator'))
        await new Promise(r => setTimeout(r, lat));

      // Prometheus scrapes the simulated mesh without credentials.
      if (path === '/metrics' || path === '/simulator/metrics') {
        res.writeHead(200, {
          'Content-Type': 'text/plain; version=0.0.4; charset=utf-8',
        });
        res.end(ctx.metrics?.prometheusText() ?? '');
        return;
      }

      const rawUser = ctx.authn.authenticate(req.headers.authorization);
      const user = impersonate(ctx, req, rawUser);
      const parts = path.split('/').filter(Boolean);
      const isResourcePath =
        (parts[0] === 'api' && parts.length >= 3) ||
        (parts[0] === 'apis' && parts.length >= 4);

      if (!isResourcePath) {
        const attrs: Attributes = {
          verb: method === 'GET' ? 'get' : method.toLowerCase(),
          apiGroup: '',
          resource: '',
          path: url.pathname,
        };
        if (!ctx.authz.authorize(user, attrs).allowed)
          throw errors.forbidden(forbiddenMessage(user, attrs), {});
        await handleNonResource(ctx, req, res, path, parts, q);
        return;
      }

      const p = parseResourcePath(parts)!;
      if (!ctx.registry.hasGroupVersion(p.group, p.version)) {
        notFoundText(res);
        return;
      }
      neg = negotiate(req.headers.accept);
      const def = ctx.registry.lookup(p.group, p.version, p.resource!);
      if (!def) throw errors.notFoundGeneric();
      if (!def.namespaced && p.namespace && p.resource !== 'namespaces')
        throw errors.notFoundGeneric();
      const verb = verbFor(method, p, q);
      if (p.subresource) {
        if (!hasSub(def, p.subresource)) throw errors.notFoundGeneric();
        const s = def.subresources.find(x => x.name === p.subresource)!;
        if (!s.verbs.includes(verb)) throw errors.methodNotAllowed();
      } else {
        if (method === 'POST' && p.name) throw errors.methodNotAllowed();
        if ((method === 'PUT' || method === 'PATCH') && !p.name)
          throw errors.methodNotAllowed();
        if (
          !def.verbs.includes(verb) &&
          !(verb === 'watch' && def.verbs.includes('watch'))
        )
          throw errors.methodNotAllowed();
      }
      const ns = p.resource === 'namespaces' ? undefined : p.namespace;
      const attrs: Attributes = {
        verb,
        apiGroup: def.group,
        resource: def.plural,
        subresource: p.subresource,
        namespace: ns,
        name: p.name,
      };
      const decision = ctx.authz.authorize(user, attrs);
      if (!decision.allowed) {
        const details: Record<string, string> = {};
        if (p.name) details.name = p.name;
        if (def.group) details.group = def.group;
        details.kind = p.subresource
          ? `${def.plural}/${p.subresource}`
          : def.plural;
        throw errors.forbidden(forbiddenMessage(user, attrs), details);
      }
      ctx.faults.check(verb, def.plural);
      const rawBody = ['POST', 'PUT', 'PATCH', 'DELETE'].includes(method)
        ? await readBody(req)
        : Buffer.alloc(0);
      await handleResource(ctx, {
        method,
        def,
        namespace: ns,
        name: p.name,
        subresource: p.subresource,
        verb,
        query: q,
        user,
        neg,
        req,
        res,
        rawBody,
      });
    } catch (e) {
      if (e instanceof StatusError) sendError(res, e, neg);
      else {
        // eslint-disable-next-line no-console
        console.error('kube-simulator internal error', e);
        sendError(res, errors.internal((e as Error).message ?? String(e)), neg);
      }
    }
  };
}

async function handleNonResource(
  ctx: SimContext,
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
  parts: string[],
  q: URLSearchParams,
) {
  const method = req.method ?? 'GET';
  if (path === '/simulator/faults') {
    if (method === 'GET') {
      send(res, 200, ctx.faults.get(), { format: 'json' });
      return;
    }
    if (method === 'POST' || method === 'PUT') {
      const body = (await readBody(req)).toString('utf8');
      ctx.faults.set(JSON.parse(body || '{}') as FaultConfig);
      send(res, 200, ctx.faults.get(), { format: 'json' });
      return;
    }
    if (method === 'DELETE') {
      ctx.faults.set({});
      send(res, 200, ctx.faults.get(), { format: 'json' });
      return;
    }
    throw errors.methodNotAllowed();
  }
  if (path === '/simulator/compact' && method === 'POST') {
    ctx.store.compact();
    send(
      res,
      200,
      { resourceVersion: String(ctx.store.currentRv()) },
      { format: 'json' },
    );
    return;
  }
  if (method !== 'GET' && method !== 'HEAD') throw errors.methodNotAllowed();
  if (path === '/version') {
    send(res, 200, VERSION_INFO, { format: 'json' });
    return;
  }
  if (
    path === '/healthz' ||
    path === '/readyz' ||
    path === '/livez' ||
    parts[0] === 'healthz' ||
    parts[0] === 'readyz' ||
    parts[0] === 'livez'
  ) {
    health(res, parts[0], q.has('verbose'));
    return;
  }
  if (path === '/api' || path === '/apis') {
    const neg = negotiate(req.headers.accept, {
      discovery: ctx.aggregatedDiscovery,
    });
    if (neg.discovery) {
      const body = aggregatedDiscovery(
        ctx.registry,
        path === '/api',
        neg.discovery,
      );
      res.writeHead(200, {
        'Cache-Control': 'no-cache, private',
        'Content-Type': `application/json;g=apidiscovery.k8s.io;v=${neg.discovery};as=APIGroupDiscoveryList`,
        Vary: 'Accept',
      });
      res.end(JSON.stringify(body));
      return;
    }
    send(
      res,
      200,
      path === '/api'
        ? apiVersions(ctx.serverAddress())
        : apiGroupList(ctx.registry),
      neg,
    );
    return;
  }
  if (parts[0] === 'api' && parts.length === 2) {
    if (parts[1] !== 'v1') {
      notFoundText(res);
      return;
    }
    send(
      res,
      200,
      apiResourceList(ctx.registry, '', 'v1'),
      negotiate(req.headers.accept),
    );
    return;
  }
  if (parts[0] === 'apis' && parts.length === 2) {
    if (!ctx.registry.versionsOf(parts[1]).length) {
      notFoundText(res);
      return;
    }
    send(
      res,
      200,
      apiGroup(ctx.registry, parts[1]),
      negotiate(req.headers.accept),
    );
    return;
  }
  if (parts[0] === 'apis' && parts.length === 3) {
    if (!ctx.registry.hasGroupVersion(parts[1], parts[2])) {
      notFoundText(res);
      return;
    }
    send(
      res,
      200,
      apiResourceList(ctx.registry, parts[1], parts[2]),
      negotiate(req.headers.accept),
    );
    return;
  }
  if (path === '/openapi/v2') {
    const accept = req.headers.accept ?? '';
    if (accept.includes('com.github.proto-openapi.spec.v2')) {
      res.writeHead(200, {
        'Cache-Control': 'no-cache, private',
        'Content-Type':
          'application/com.github.proto-openapi.spec.v2@v1.0+protobuf',
      });
      res.end(openApiV2Protobuf());
      return;
    }
    sendRaw(
      res,
      200,
      JSON.stringify(openApiV2(ctx.registry)),
      'application/json',
    );
    return;
  }
  if (path === '/openapi/v3') {
    sendRaw(
      res,
      200,
      JSON.stringify(openApiV3Index(ctx.registry)),
      'application/json',
    );
    return;
  }
  if (parts[0] === 'openapi' && parts[1] === 'v3') {
    const [group, version] =
      parts[2] === 'api' ? ['', parts[3]] : [parts[3], parts[4]];
    if (!version || !ctx.registry.hasGroupVersion(group, version)) {
      notFoundText(res);
      return;
    }
    sendRaw(
      res,
      200,
      JSON.stringify(openApiV3GroupVersion(ctx.registry, group, version)),
      'application/json',
    );
    return;
  }
  const gvPaths = ctx.registry
    .groups()
    .flatMap(g => [
      `/apis/${g}`,
      ...ctx.registry.versionsOf(g).map(v => `/apis/${g}/${v}`),
    ]);
  send(
    res,
    404,
    { paths: [...ROOT_PATHS, ...gvPaths].sort() },
    { format: 'json' },
  );
}

export function createHttpServer(
  ctx: SimContext,
  tls?: TlsMaterial,
): http.Server | https.Server {
  const handler = createHandler(ctx);
  const server = tls
    ? https.createServer({ key: tls.key, cert: tls.cert }, handler)
    : http.createServer(handler);
  server.keepAliveTimeout = 65_000;
  return server;
}

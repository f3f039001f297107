import http from 'http';
import { AddressInfo } from 'net';
import {
  GW,
  analyzeListeners,
  listenerProgrammed,
} from '../controllers/gatewayListeners';
import { hostnamesIntersect } from '../controllers/gatewayHostnames';
import {
  GatewayListeners,
  evaluateParents,
} from '../controllers/gatewayRoutes';
import { Store } from '../storage/store';
import { KObject } from '../util/types';
import { ERROR_RATE_ANN, LATENCY_ANN } from './traffic';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Any = any;

/** A request as the gateway sees it. */
export interface GatewayRequest {
  method: string;
  /** The Host header (a port in it is ignored). */
  host: string;
  /** Path with query. */
  path: string;
  headers: Record<string, string | string[] | undefined>;
  /** Only listeners on this port answer (the port the client connected to, in Gateway terms). */
  listenerPort?: number;
}

export interface GatewayAnswer {
  status: number;
  body: string;
  /** Delay before answering (the backend Service's latency annotation). */
  delayMs: number;
}

/** How specific a listener hostname is for a host: exact beats wildcard beats none. */
function hostnameRank(
  listenerHostname: string | undefined,
  host: string,
): number {
  if (!listenerHostname) return 1;
  if (listenerHostname.toLowerCase() === host) return 3;
  return hostnamesIntersect(listenerHostname, host) ? 2 : 0;
}

interface Candidate {
  route: KObject;
  rule: number;
  /** Precedence per the Gateway API: exact path, longer prefix, method, more headers. */
  score: [number, number, number, number];
}

function pathMatches(match: Any, path: string): [boolean, number, number] {
  const p = match?.path ?? { type: 'PathPrefix', value: '/' };
  const value: string = p.value ?? '/';
  const pathOnly = path.split('?')[0];
  switch (p.type ?? 'PathPrefix') {
    case 'Exact':
      return [pathOnly === value, 1, value.length];
    case 'RegularExpression':
      return [new RegExp(`^${value}$`).test(pathOnly), 0, value.length];
    default: {
      const prefix = value.replace(/\/+$/, '');
      const ok =
        prefix === '' ||
        pathOnly === prefix ||
        pathOnly.startsWith(`${prefix}/`);
      return [ok, 0, prefix.length];
    }
  }
}

function headerValue(
  headers: GatewayRequest['headers'],
  name: string,
): string | undefined {
  const v = headers[name.toLowerCase()];
  return Array.isArray(v) ? v[0] : v;
}

/** Whether one match of a rule takes the request, and its precedence. */
function matchScore(
  match: Any,
  req: GatewayRequest,
): Candidate['score'] | undefined {
  const [pathOk, exact, length] = pathMatches(match, req.path);
  if (!pathOk) return undefined;
  if (match?.method && match.method !== req.method) return undefined;
  const headers: Any[] = match?.headers ?? [];
  for (const h of headers) {
    const v = headerValue(req.headers, h.name);
    if (v === undefined) return undefined;
    if ((h.type ?? 'Exact') === 'RegularExpression') {
      if (!new RegExp(h.value).test(v)) return undefined;
    } else if (v !== h.value) return undefined;
  }
  return [exact, length, match?.method ? 1 : 0, headers.length];
}

const better = (a: Candidate['score'], b: Candidate['score']) => {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i] > b[i];
  return false;
};

function pickBackend(refs: Any[], random: () => number): Any | undefined {
  const weighted = refs.filter(r => (r.weight ?? 1) > 0);
  const total = weighted.reduce((n, r) => n + (r.weight ?? 1), 0);
  let at = random() * total;
  for (const r of weighted) {
    at -= r.weight ?? 1;
    if (at < 0) return r;
  }
  return weighted[weighted.length - 1];
}

const json = (status: number, body: object, delayMs = 0): GatewayAnswer => ({
  status,
  body: JSON.stringify(body),
  delayMs,
});

/**
 * What the namespaces' Gateways answer to a request, as Traefik would: the HTTP listener whose
 * hostname fits the Host header, the HTTPRoutes attached to it (by the same rules the gateway
 * controller writes into their status), the best-matching rule, one of its backends by weight,
 * and one Ready endpoint of that Service. No listener: 404; no route or rule: 404; a backend
 * without Ready endpoints: 503. The backend Service's error-rate and latency annotations
 * apply, as they do to the mesh metrics.
 */
export function answerGatewayRequest(
  store: Store,
  req: GatewayRequest,
  random: () => number = Math.random,
): GatewayAnswer {
  const host = req.host.replace(/:\d+$/, '').toLowerCase();
  const gateways = store.list(`${GW}/gateways`);
  const listeners: GatewayListeners = new Map();
  for (const gw of gateways) {
    listeners.set(
      `${gw.metadata.namespace}/${gw.metadata.name}`,
      analyzeListeners(store, gw),
    );
  }
  // The listener that takes the request: programmed, HTTP, on the port, the best hostname.
  let chosen: { gateway: string; listener: string; rank: number } | undefined;
  for (const [gateway, states] of listeners) {
    const gw = gateways.find(
      g => `${g.metadata.namespace}/${g.metadata.name}` === gateway,
    )!;
    if (
      !store.get(`${GW}/gatewayclasses`, undefined, gw.spec?.gatewayClassName)
    ) {
      continue;
    }
    for (const s of states) {
      if (s.listener.protocol !== 'HTTP' || !listenerProgrammed(s)) continue;
      if (
        req.listenerPort !== undefined &&
        s.listener.port !== req.listenerPort
      )
        continue;
      const rank = hostnameRank(s.listener.hostname, host);
      if (rank > (chosen?.rank ?? 0)) {
        chosen = { gateway, listener: s.listener.name, rank };
      }
    }
  }
  if (!chosen)
    return json(404, { error: `no gateway listener for host ${host}` });

  let best: Candidate | undefined;
  for (const route of store.list(`${GW}/httproutes`)) {
    const attached = evaluateParents(store, route, listeners).some(
      p =>
        p.accepted.ok &&
        p.gateway === chosen!.gateway &&
        p.attachedListeners.includes(chosen!.listener),
    );
    if (!attached) continue;
    const hostnames: string[] = route.spec?.hostnames ?? [];
    if (hostnames.length && !hostnames.some(h => hostnamesIntersect(h, host)))
      continue;
    const rules = (route.spec?.rules ?? []) as Any[];
    for (let i = 0; i < rules.length; i++) {
      const matches: Any[] = rules[i].matches?.length ? rules[i].matches : [{}];
      for (const m of matches) {
        const score = matchScore(m, req);
        if (score && (!best || better(score, best.score))) {
          best = { route, rule: i, score };
        }
      }
    }
  }
  if (!best) {
    return json(404, {
      error: `no route of ${chosen.gateway} matches ${host}${req.path}`,
    });
  }
  const ns = best.route.metadata.namespace!;
  const routeName = `${ns}/${best.route.metadata.name}`;
  const ref = pickBackend(
    best.route.spec.rules[best.rule].backendRefs ?? [],
    random,
  );
  if (!ref || (ref.kind ?? 'Service') !== 'Service') {
    return json(500, { error: `route ${routeName} has no usable backend` });
  }
  const svcNs = ref.namespace ?? ns;
  const svc = store.get('/services', svcNs, ref.name);
  if (!svc)
    return json(500, {
      error: `backend Service ${svcNs}/${ref.name} not found`,
    });
  const ready = (
    (store.get('/endpoints', svcNs, ref.name)?.subsets ?? []) as Any[]
  ).flatMap(s => (s.addresses ?? []) as Any[]);
  if (!ready.length) return json(503, { error: 'no healthy upstream' });
  const endpoint = ready[Math.floor(random() * ready.length)];
  const ann = svc.metadata.annotations ?? {};
  const delayMs = Number(ann[LATENCY_ANN] ?? 0) || 0;
  const errorRate = Number(ann[ERROR_RATE_ANN] ?? 0) || 0;
  const served = {
    gateway: chosen.gateway,
    listener: chosen.listener,
    route: routeName,
    rule: best.rule,
    service: `${svcNs}/${ref.name}`,
    pod: endpoint.targetRef?.name,
    path: req.path,
  };
  if (errorRate > 0 && random() < errorRate)
    return json(500, { error: 'backend error', ...served }, delayMs);
  return json(200, { status: 'ok', ...served }, delayMs);
}

/**
 * An HTTP server answering as every Gateway's HTTP listeners would (`answerGatewayRequest`):
 * what a client sends to a Gateway's address reaches this one port instead. `listenerPort`
 * narrows it to listeners on that port, as a real Gateway address with several ports would.
 */
export async function startGatewayHttp(
  store: Store,
  options: { port?: number; host?: string; listenerPort?: number } = {},
): Promise<{ url: string; server: http.Server; stop(): Promise<void> }> {
  const server = http.createServer((req, res) => {
    const answer = answerGatewayRequest(store, {
      method: req.method ?? 'GET',
      host: req.headers.host ?? '',
      path: req.url ?? '/',
      headers: req.headers,
      listenerPort: options.listenerPort,
    });
    setTimeout(() => {
      res.writeHead(answer.status, { 'Content-Type': 'application/json' });
      res.end(req.method === 'HEAD' ? undefined : answer.body);
    }, answer.delayMs);
  });
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${host}:${port}`,
    server,
    stop: () =>
      new Promise<void>(resolve => {
        server.closeAllConnections?.();
        server.close(() => resolve());
      }),
  };
}

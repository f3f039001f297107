/**
 * Hostname matching as the Gateway API defines it for listeners and HTTPRoutes: a hostname is
 * exact or a wildcard whose first label is `*`; `*.example.com` matches `a.example.com` and
 * `a.b.example.com` but not `example.com`. Comparison ignores case, a port and a trailing dot.
 */

/** The host of a request as hostnames compare it. */
export function normalizeHost(host: string): string {
  let h = host.trim().toLowerCase();
  if (h.startsWith('[')) return h; // an IPv6 literal; never matches a hostname
  h = h.replace(/:\d+$/, '');
  return h.endsWith('.') ? h.slice(0, -1) : h;
}

export function isWildcard(hostname: string): boolean {
  return hostname.startsWith('*.');
}

/** Whether `pattern` (exact or wildcard) accepts the concrete `host`. */
export function hostnameMatches(pattern: string, host: string): boolean {
  const p = pattern.toLowerCase();
  const h = normalizeHost(host);
  if (isWildcard(p)) {
    const suffix = p.slice(1); // ".example.com"
    return h.length > suffix.length && h.endsWith(suffix);
  }
  return p === h;
}

/** The hostnames both accept, as one hostname (the narrower), or undefined when disjoint. */
export function intersectHostname(a: string, b: string): string | undefined {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  if (!isWildcard(x) && !isWildcard(y)) return x === y ? x : undefined;
  if (!isWildcard(x)) return hostnameMatches(y, x) ? x : undefined;
  if (!isWildcard(y)) return hostnameMatches(x, y) ? y : undefined;
  if (x === y) return x;
  if (hostnameMatches(x, y.slice(2))) return y; // *.a.example.com within *.example.com
  if (hostnameMatches(y, x.slice(2))) return x;
  return undefined;
}

/**
 * The hostnames a route serves on a listener: the intersection of the route's hostnames with the
 * listener's. `'any'` when neither names one; an empty list when they do not intersect (the
 * route is not accepted there).
 */
export function effectiveHostnames(
  routeHostnames: string[] | undefined,
  listenerHostname: string | undefined,
): string[] | 'any' {
  const route = routeHostnames ?? [];
  if (!listenerHostname) {
    return route.length ? route.map(h => h.toLowerCase()) : 'any';
  }
  if (!route.length) return [listenerHostname.toLowerCase()];
  const out = new Set<string>();
  for (const h of route) {
    const i = intersectHostname(h, listenerHostname);
    if (i) out.add(i);
  }
  return [...out];
}

/**
 * How specific a matching hostname is, compared as the Gateway API orders intersecting routes:
 * characters of a matching non-wildcard hostname first, then characters of the matching hostname.
 */
export function hostnameSpecificity(
  hostname: string | 'any',
): [number, number] {
  if (hostname === 'any') return [0, 0];
  return isWildcard(hostname)
    ? [0, hostname.length]
    : [hostname.length, hostname.length];
}

/** The most specific of `hostnames` that accepts `host`, or undefined. */
export function bestMatchingHostname(
  hostnames: string[] | 'any',
  host: string,
): string | 'any' | undefined {
  if (hostnames === 'any') return 'any';
  let best: string | undefined;
  for (const h of hostnames) {
    if (!hostnameMatches(h, host)) continue;
    if (!best || compareSpecificity(h, best) > 0) best = h;
  }
  return best;
}

function compareSpecificity(a: string, b: string): number {
  const [a1, a2] = hostnameSpecificity(a);
  const [b1, b2] = hostnameSpecificity(b);
  return a1 - b1 || a2 - b2;
}

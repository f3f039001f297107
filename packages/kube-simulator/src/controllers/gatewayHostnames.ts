/**
 * Hostname intersection between listeners and routes, as the Gateway API defines it: a wildcard
 * `*.example.com` stands for one or more labels before the suffix (never `example.com` itself).
 */

/** Whether `host` (possibly itself a wildcard) falls under the wildcard `pattern`. */
function underWildcard(pattern: string, host: string): boolean {
  const suffix = pattern.slice(1); // ".example.com"
  const rest = host.startsWith('*.') ? host.slice(1) : host;
  return rest.endsWith(suffix) && rest.length > suffix.length;
}

/** Whether two hostnames (either may be absent = any host) have a host in common. */
export function hostnamesIntersect(a?: string, b?: string): boolean {
  if (!a || !b) return true;
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  if (x === y) return true;
  if (x.startsWith('*.') && underWildcard(x, y)) return true;
  return y.startsWith('*.') && underWildcard(y, x);
}

/** Whether a route with these hostnames (none = any) can attach to a listener with this hostname. */
export function routeHostnamesMatch(
  listenerHostname: string | undefined,
  routeHostnames: string[] | undefined,
): boolean {
  if (!listenerHostname || !routeHostnames?.length) return true;
  return routeHostnames.some(h => hostnamesIntersect(listenerHostname, h));
}

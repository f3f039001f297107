/**
 * Traefik searches a regular expression anywhere in the value (Go's MatchString); the route
 * tester, like Envoy-based implementations, matches an HTTPRoute's expression against the whole
 * value. This turns the former into the latter: `\.css$` becomes `.*(?:\.css)`.
 */
export function searchToFullMatch(pattern: string): string {
  let body = pattern;
  let start = '.*';
  let end = '.*';
  if (!body.includes('|')) {
    if (body.startsWith('^')) {
      body = body.slice(1);
      start = '';
    }
    if (body.endsWith('$') && !body.endsWith('\\$')) {
      body = body.slice(0, -1);
      end = '';
    }
  }
  if (!start && !end) return body;
  return `${start}(?:${body})${end}`;
}

/** A regular expression searched anywhere, as Traefik evaluates it; invalid ones match nothing. */
export function regexSearch(pattern: string, value: string): boolean {
  try {
    return new RegExp(pattern).test(value);
  } catch {
    return false;
  }
}

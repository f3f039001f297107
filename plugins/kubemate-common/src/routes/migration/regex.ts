import { re2Search } from '../tester/re2';

/**
 * Traefik searches a regular expression anywhere in the value (Go's MatchString); the route
 * tester, like Envoy-based implementations, matches an HTTPRoute's expression against the whole
 * value. This turns the former into the latter: `\.css$` becomes `.*(?:\.css)`.
 */
export function searchToFullMatch(pattern: string): string {
  // leading flags stay in front: `(?i)abc` becomes `(?i).*(?:abc).*`
  const flags = /^\(\?[imsU]+\)/.exec(pattern)?.[0] ?? '';
  let body = pattern.slice(flags.length);
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
  if (!start && !end) return `${flags}${body}`;
  return `${flags}${start}(?:${body})${end}`;
}

/** A Go regular expression searched anywhere, as Traefik evaluates it; invalid ones match nothing. */
export function regexSearch(pattern: string, value: string): boolean {
  return re2Search(pattern, value);
}

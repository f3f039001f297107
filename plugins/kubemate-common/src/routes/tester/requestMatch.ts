import type {
  HttpRouteObjectMatch,
  HttpRouteObjectValueMatch,
  RouteTestRequest,
} from './types';

/**
 * Evaluating one HTTPRoute match against a request. Regular expressions (implementation-specific
 * in the Gateway API) are evaluated as full matches with JavaScript's engine, as Envoy-based
 * implementations do; an invalid expression matches nothing.
 */

/** A request with its query string split off the path and names normalized. */
export interface NormalizedRequest {
  host?: string;
  path: string;
  method: string;
  /** Header names lower-cased. */
  headers: Record<string, string>;
  query: Record<string, string>;
}

export function normalizeRequest(request: RouteTestRequest): NormalizedRequest {
  const [path, queryString] = splitOnce(request.path || '/', '?');
  const query: Record<string, string> = {};
  if (queryString) {
    for (const pair of queryString.split('&')) {
      if (!pair) continue;
      const [k, v] = splitOnce(pair, '=');
      const key = safeDecode(k);
      if (!(key in query)) query[key] = safeDecode(v ?? '');
    }
  }
  Object.assign(query, request.query ?? {});
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(request.headers ?? {})) {
    headers[k.toLowerCase()] = v;
  }
  return {
    host: request.host,
    path: path.startsWith('/') ? path : `/${path}`,
    method: (request.method || 'GET').toUpperCase(),
    headers,
    query,
  };
}

function splitOnce(s: string, sep: string): [string, string | undefined] {
  const i = s.indexOf(sep);
  return i < 0 ? [s, undefined] : [s.slice(0, i), s.slice(i + 1)];
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s.replace(/\+/g, ' '));
  } catch {
    return s;
  }
}

export function fullMatch(pattern: string, value: string): boolean {
  try {
    return new RegExp(`^(?:${pattern})$`).test(value);
  } catch {
    return false;
  }
}

/** The path match of a match, with the Gateway API default `PathPrefix /`. */
export function effectivePath(match: HttpRouteObjectMatch): {
  type: 'Exact' | 'PathPrefix' | 'RegularExpression';
  value: string;
} {
  return {
    type: match.path?.type ?? 'PathPrefix',
    value: match.path?.value ?? '/',
  };
}

/** A PathPrefix value as it compares: without a trailing slash, except `/` itself. */
export function trimPrefix(value: string): string {
  return value.length > 1 ? value.replace(/\/+$/, '') || '/' : value;
}

/** Path-segment prefix: `/foo` matches `/foo` and `/foo/bar`, not `/foobar`. */
export function pathPrefixMatches(prefix: string, path: string): boolean {
  const p = trimPrefix(prefix);
  if (p === '/') return true;
  return path === p || path.startsWith(`${p}/`);
}

export function pathMatches(
  match: HttpRouteObjectMatch,
  path: string,
): boolean {
  const { type, value } = effectivePath(match);
  if (type === 'Exact') return path === value;
  if (type === 'PathPrefix') return pathPrefixMatches(value, path);
  return fullMatch(value, path);
}

function valueMatches(
  m: HttpRouteObjectValueMatch,
  actual: string | undefined,
) {
  if (actual === undefined) return false;
  return (m.type ?? 'Exact') === 'Exact'
    ? actual === m.value
    : fullMatch(m.value, actual);
}

/** Why the match rejects the request, or undefined when it accepts it. */
export function matchRejection(
  match: HttpRouteObjectMatch,
  request: NormalizedRequest,
): string | undefined {
  if (!pathMatches(match, request.path)) return 'path';
  if (match.method && match.method.toUpperCase() !== request.method) {
    return 'method';
  }
  for (const h of match.headers ?? []) {
    if (!valueMatches(h, request.headers[h.name.toLowerCase()])) {
      return `header ${h.name}`;
    }
  }
  for (const q of match.queryParams ?? []) {
    if (!valueMatches(q, request.query[q.name])) return `query ${q.name}`;
  }
  return undefined;
}

/**
 * The precedence of a match as the Gateway API orders them, higher first: path kind (Exact over
 * PathPrefix over RegularExpression), prefix length, a method, the number of header matches, the
 * number of query parameter matches.
 */
export function matchPrecedence(match: HttpRouteObjectMatch): number[] {
  const { type, value } = effectivePath(match);
  const kinds = { Exact: 3, PathPrefix: 2, RegularExpression: 1 };
  const kind = kinds[type] ?? 0;
  const length = type === 'PathPrefix' ? trimPrefix(value).length : 0;
  return [
    kind,
    length,
    match.method ? 1 : 0,
    match.headers?.length ?? 0,
    match.queryParams?.length ?? 0,
  ];
}

export const precedenceCriteria = [
  'an Exact path beats a PathPrefix, which beats a RegularExpression',
  'the longer path prefix wins',
  'a match on the method wins',
  'more header matches win',
  'more query parameter matches win',
];

/** A match as one line: `PathPrefix /api · GET · header x-canary=1`. */
export function describeMatch(match: HttpRouteObjectMatch): string {
  const { type, value } = effectivePath(match);
  const parts = [`${type} ${value}`];
  if (match.method) parts.push(match.method.toUpperCase());
  for (const h of match.headers ?? []) {
    parts.push(
      `header ${h.name}${(h.type ?? 'Exact') === 'Exact' ? '=' : '~'}${
        h.value
      }`,
    );
  }
  for (const q of match.queryParams ?? []) {
    parts.push(
      `query ${q.name}${(q.type ?? 'Exact') === 'Exact' ? '=' : '~'}${q.value}`,
    );
  }
  return parts.join(' · ');
}

/** A key equal for two matches exactly when they accept the same requests by construction. */
export function matchKey(match: HttpRouteObjectMatch): string {
  const { type, value } = effectivePath(match);
  const values = (
    list: HttpRouteObjectValueMatch[] | undefined,
    lower: boolean,
  ) =>
    (list ?? [])
      .map(
        m =>
          `${lower ? m.name.toLowerCase() : m.name}:${m.type ?? 'Exact'}:${
            m.value
          }`,
      )
      .sort();
  return JSON.stringify([
    type,
    type === 'PathPrefix' ? trimPrefix(value) : value,
    match.method?.toUpperCase() ?? '',
    values(match.headers, true),
    values(match.queryParams, false),
  ]);
}

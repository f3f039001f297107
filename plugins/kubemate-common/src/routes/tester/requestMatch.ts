import type {
  HttpRouteObjectMatch,
  HttpRouteObjectValueMatch,
  RouteTestRequest,
} from './types';
import { re2FullMatch } from './re2';

/**
 * Evaluating one HTTPRoute match against a request. Regular expressions (implementation-specific
 * in the Gateway API) are evaluated as full matches in RE2 syntax, as Envoy-based implementations
 * do; an invalid expression matches nothing. The path is normalized as those implementations do
 * (RFC 3986): percent-encoded unreserved characters decoded, other escapes upper-cased, `.` and
 * `..` segments removed. Matching is case-sensitive for the path, the method (HTTP methods are
 * case-sensitive tokens), header values and query parameter names and values; header names are
 * compared without case.
 */

/** A request with its query string split off the path and names normalized. */
export interface NormalizedRequest {
  host?: string;
  /** The path as a Gateway API implementation compares it (normalized, see above). */
  path: string;
  /** The path as sent, without the query string (Traefik derives its own routing path). */
  rawPath: string;
  /** The method as sent (GET when absent): methods are case-sensitive. */
  method: string;
  /** Header names lower-cased. */
  headers: Record<string, string>;
  /** The first value of each query parameter. */
  query: Record<string, string>;
  /** Every value of each query parameter, in order. */
  queryAll: Record<string, string[]>;
}

export function normalizeRequest(request: RouteTestRequest): NormalizedRequest {
  const [rawPath, queryString] = splitOnce(request.path || '/', '?');
  const queryAll: Record<string, string[]> = {};
  if (queryString) {
    for (const pair of queryString.split('&')) {
      if (!pair) continue;
      const [k, v] = splitOnce(pair, '=');
      const key = safeDecode(k);
      (queryAll[key] ??= []).push(safeDecode(v ?? ''));
    }
  }
  for (const [k, v] of Object.entries(request.query ?? {})) queryAll[k] = [v];
  const query: Record<string, string> = {};
  for (const [k, v] of Object.entries(queryAll)) query[k] = v[0];
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(request.headers ?? {})) {
    headers[k.toLowerCase()] = v;
  }
  const path = rawPath.startsWith('/') ? rawPath : `/${rawPath}`;
  return {
    host: request.host,
    path: normalizePath(path),
    rawPath: path,
    method: request.method || 'GET',
    headers,
    query,
    queryAll,
  };
}

/** RFC 3986 path normalization: unreserved escapes decoded, hex upper-cased, dot segments removed. */
export function normalizePath(path: string): string {
  const decoded = path.replace(/%([0-9A-Fa-f]{2})/g, (_, hex: string) => {
    const ch = String.fromCharCode(parseInt(hex, 16));
    return /[A-Za-z0-9\-._~]/.test(ch) ? ch : `%${hex.toUpperCase()}`;
  });
  const out: string[] = [];
  const segments = decoded.split('/').slice(1);
  segments.forEach((seg, i) => {
    const last = i === segments.length - 1;
    if (seg === '.') {
      if (last) out.push('');
    } else if (seg === '..') {
      out.pop();
      if (last) out.push('');
    } else {
      out.push(seg);
    }
  });
  return `/${out.join('/')}`;
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
  return re2FullMatch(pattern, value);
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

/**
 * Path-segment prefix: `/foo` matches `/foo` and `/foo/bar`, not `/foobar`; a trailing slash of
 * the prefix is ignored (`/foo/` matches `/foo` too).
 */
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

/**
 * The header (or query parameter) matches that count: when several name the same header (names
 * compared without case) or the same query parameter (names compared exactly), only the first is
 * considered, as the Gateway API requires.
 */
export function effectiveValueMatches(
  list: HttpRouteObjectValueMatch[] | undefined,
  ignoreCase: boolean,
): HttpRouteObjectValueMatch[] {
  const seen = new Set<string>();
  return (list ?? []).filter(m => {
    const key = ignoreCase ? m.name.toLowerCase() : m.name;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
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
  if (match.method && match.method !== request.method) {
    return 'method';
  }
  for (const h of effectiveValueMatches(match.headers, true)) {
    if (!valueMatches(h, request.headers[h.name.toLowerCase()])) {
      return `header ${h.name}`;
    }
  }
  for (const q of effectiveValueMatches(match.queryParams, false)) {
    if (!valueMatches(q, request.query[q.name])) return `query ${q.name}`;
  }
  return undefined;
}

/**
 * The precedence of a match as the Gateway API orders them, higher first: an Exact path, then a
 * PathPrefix by its number of characters once its trailing slash is ignored (`/foo/` and `/foo`
 * match the same paths and rank the same; route age, name and order decide), a method, the number of header matches, the number of query parameter matches.
 * RegularExpression paths have implementation-specific precedence: here they rank below every
 * PathPrefix (so below `PathPrefix /` too) and tie among themselves whatever their length, the
 * next criteria (method, headers, query, route age, order) deciding.
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
    effectiveValueMatches(match.headers, true).length,
    effectiveValueMatches(match.queryParams, false).length,
  ];
}

export const precedenceCriteria = [
  'an Exact path beats a PathPrefix, which beats a RegularExpression (implementation-specific; ranked last here)',
  'the path prefix with more characters wins',
  'a match on the method wins',
  'more header matches win',
  'more query parameter matches win',
];

/** A match as one line: `PathPrefix /api · GET · header x-canary=1`. */
export function describeMatch(match: HttpRouteObjectMatch): string {
  const { type, value } = effectivePath(match);
  const parts = [`${type} ${value}`];
  if (match.method) parts.push(match.method);
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

/**
 * A key equal for two matches exactly when they accept the same requests by construction (a
 * PathPrefix `/foo/` and `/foo` do).
 */
export function matchKey(match: HttpRouteObjectMatch): string {
  const { type, value } = effectivePath(match);
  const values = (
    list: HttpRouteObjectValueMatch[] | undefined,
    lower: boolean,
  ) =>
    effectiveValueMatches(list, lower)
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
    match.method ?? '',
    values(match.headers, true),
    values(match.queryParams, false),
  ]);
}

import type { TraefikRuleNode } from './traefikRule';

type Matcher = Extract<TraefikRuleNode, { type: 'matcher' }>;

/** What a Traefik matcher asks of a request, in terms an HTTPRoute can express. */
export type TraefikCondition =
  | { kind: 'host'; hosts: string[] }
  | {
      kind: 'path';
      type: 'Exact' | 'PathPrefix' | 'RegularExpression';
      /** Alternatives (v2 multi-argument forms). */
      values: string[];
    }
  | { kind: 'header'; name: string; value: string; regex: boolean }
  | {
      kind: 'query';
      params: Array<{ name: string; value?: string; regex: boolean }>;
    }
  | { kind: 'method'; methods: string[] }
  | { kind: 'unsupported'; reason: string };

export type RuleSyntax = 'v2' | 'v3' | undefined;

function argCount(m: Matcher, min: number, max: number): string | undefined {
  if (m.args.length >= min && m.args.length <= max) return undefined;
  const expected = min === max ? `${min}` : `${min} to ${max}`;
  return `${m.name} takes ${expected} argument(s), not ${m.args.length}`;
}

const multi = Number.MAX_SAFE_INTEGER;

/**
 * Interprets one matcher of v2 or v3 syntax (both accepted unless the route says which):
 * Host, HostHeader (v2), Path, PathPrefix, PathRegexp, Header, Headers (v2), HeaderRegexp,
 * HeadersRegexp (v2), Query (v2 `k=v` pairs or v3 key and value), QueryRegexp, Method.
 */
export function interpretMatcher(
  m: Matcher,
  syntax: RuleSyntax,
): TraefikCondition {
  const v2Multi = syntax === 'v3' ? 1 : multi;
  const bad = (reason: string): TraefikCondition => ({
    kind: 'unsupported',
    reason,
  });
  const check = (min: number, max: number) => argCount(m, min, max);
  switch (m.name) {
    case 'Host':
    case 'HostHeader': {
      const err = check(1, v2Multi);
      if (err) return bad(err);
      const ip = m.args.find(h => /^[\d.]+$|:/.test(h));
      if (ip)
        return bad(
          `an HTTPRoute hostname cannot be an IP address or carry a port (${ip})`,
        );
      return { kind: 'host', hosts: m.args.map(h => h.toLowerCase()) };
    }
    case 'Path':
    case 'PathPrefix': {
      const err = check(1, v2Multi);
      if (err) return bad(err);
      if (syntax !== 'v3' && m.args.some(p => /\{[^}]*\}/.test(p))) {
        return bad(
          'a v2 path template with {variables} has no HTTPRoute form; rewrite it as PathRegexp',
        );
      }
      return {
        kind: 'path',
        type: m.name === 'Path' ? 'Exact' : 'PathPrefix',
        values: m.args,
      };
    }
    case 'PathRegexp': {
      const err = check(1, 1);
      return err
        ? bad(err)
        : { kind: 'path', type: 'RegularExpression', values: m.args };
    }
    case 'Header':
    case 'Headers':
    case 'HeaderRegexp':
    case 'HeadersRegexp': {
      const err = check(2, 2);
      if (err) return bad(err);
      return {
        kind: 'header',
        name: m.args[0],
        value: m.args[1],
        regex: m.name.endsWith('Regexp'),
      };
    }
    case 'Query':
    case 'QueryRegexp': {
      const regex = m.name === 'QueryRegexp';
      // v2 takes `key=value` pairs (ANDed); v3 takes a key and a value
      const pairs =
        !regex &&
        syntax !== 'v3' &&
        m.args.length > 0 &&
        m.args.every(a => a.includes('='));
      if (pairs || (syntax === 'v2' && !regex)) {
        return {
          kind: 'query',
          params: m.args.map(a => {
            const i = a.indexOf('=');
            return i < 0
              ? { name: a, regex: false }
              : { name: a.slice(0, i), value: a.slice(i + 1), regex: false };
          }),
        };
      }
      const err = check(1, 2);
      if (err) return bad(err);
      return {
        kind: 'query',
        params: [{ name: m.args[0], value: m.args[1], regex }],
      };
    }
    case 'Method': {
      const err = check(1, v2Multi);
      return err
        ? bad(err)
        : { kind: 'method', methods: m.args.map(x => x.toUpperCase()) };
    }
    case 'HostRegexp':
      return bad(
        'HTTPRoute hostnames are exact or a *. wildcard; a host regular expression has no equivalent',
      );
    case 'ClientIP':
      return bad(
        'HTTPRoute cannot match on the client IP; use a Middleware (ipAllowList) or a NetworkPolicy',
      );
    case 'HostSNI':
    case 'HostSNIRegexp':
    case 'ALPN':
      return bad(`${m.name} is a TCP matcher; an HTTPRoute routes HTTP only`);
    default:
      return bad(`unknown matcher ${m.name}`);
  }
}

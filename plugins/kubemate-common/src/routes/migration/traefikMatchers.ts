import { compileRe2 } from '../tester/re2';
import type { TraefikRuleNode } from './traefikRule';
import type { IngressRouteObject, IngressRouteRoute } from './types';

type Matcher = Extract<TraefikRuleNode, { type: 'matcher' }>;

/**
 * What a Traefik matcher asks of a request, with Traefik's semantics for the rule's syntax.
 * Regular expressions (`pattern`) are Go RE2 searched anywhere in the value, as Traefik's
 * MatchString does; v2 templates (`{id:[0-9]+}`) are turned into anchored expressions.
 */
export type TraefikCondition =
  /** Exact host names (lower-cased, no trailing dot); Traefik has no wildcard in Host. */
  | { kind: 'host'; hosts: string[] }
  | {
      kind: 'hostRegexp';
      patterns: string[];
      /** v2 compares the host as sent (case kept); v3 the lower-cased host. */
      lowerCase: boolean;
    }
  | {
      kind: 'path';
      /** RegularExpression: v3 PathRegexp, or a v2 path template. */
      type: 'Exact' | 'PathPrefix' | 'RegularExpression';
      /** Alternatives (v2 multi-argument forms). */
      values: string[];
    }
  | {
      kind: 'header';
      /** ANDed (v2 Headers takes pairs); `value` undefined: the header is present. */
      headers: Array<{ name: string; value?: string; regex: boolean }>;
    }
  | {
      kind: 'query';
      /** ANDed; `value` undefined: any value. */
      params: Array<{ name: string; value?: string; regex: boolean }>;
      /** v3 accepts any value of a repeated parameter; v2 looks at the first only. */
      anyValue: boolean;
    }
  | { kind: 'method'; methods: string[] }
  | { kind: 'clientIP'; ranges: string[] }
  /** Traefik refuses the router: unknown matcher in this syntax, wrong arguments, bad regexp. */
  | { kind: 'invalid'; reason: string };

export type RuleSyntax = 'v2' | 'v3';

const V3 = [
  'ClientIP',
  'Method',
  'Host',
  'HostRegexp',
  'Path',
  'PathRegexp',
  'PathPrefix',
  'Header',
  'HeaderRegexp',
  'Query',
  'QueryRegexp',
];
const V2 = [
  'Host',
  'HostHeader',
  'HostRegexp',
  'ClientIP',
  'Path',
  'PathPrefix',
  'Method',
  'Headers',
  'HeadersRegexp',
  'Query',
];
const TCP = ['HostSNI', 'HostSNIRegexp', 'ALPN'];

/**
 * The rule syntax Traefik applies to a route: the route's `syntax`, else v2 for the
 * `traefik.containo.us` group (served by Traefik v2 only), else `fallback` (Traefik's
 * `core.defaultRuleSyntax`), else v3 (Traefik v3's default).
 */
export function ruleSyntaxOf(
  ingressRoute: Pick<IngressRouteObject, 'apiVersion'>,
  route: Pick<IngressRouteRoute, 'syntax'>,
  fallback?: RuleSyntax,
): RuleSyntax {
  if (route.syntax === 'v2' || route.syntax === 'v3') return route.syntax;
  if (ingressRoute.apiVersion?.startsWith('traefik.containo.us/')) return 'v2';
  return fallback ?? 'v3';
}

/** The matcher's canonical name: Traefik also accepts it lower-case, upper-case or Title-case. */
export function canonicalMatcherName(
  name: string,
  syntax: RuleSyntax,
): string | undefined {
  const title = (s: string) =>
    s.charAt(0).toUpperCase() + s.slice(1).toLowerCase();
  return (syntax === 'v3' ? V3 : V2).find(
    n =>
      n === name ||
      n.toLowerCase() === name ||
      n.toUpperCase() === name ||
      title(n) === name,
  );
}

/** Positions of top-level `{…}` in a gorilla/mux template, or undefined when unbalanced. */
function braces(template: string): Array<[number, number]> | undefined {
  const out: Array<[number, number]> = [];
  let level = 0;
  let start = 0;
  for (let i = 0; i < template.length; i++) {
    if (template[i] === '{') {
      if (level++ === 0) start = i;
    } else if (template[i] === '}') {
      if (--level === 0) out.push([start, i + 1]);
      else if (level < 0) return undefined;
    }
  }
  return level === 0 ? out : undefined;
}

function quoteMeta(s: string): string {
  return s.replace(/[\\.+*?()|[\]{}^$]/g, c => `\\${c}`);
}

/**
 * A gorilla/mux template (Traefik v2 Path, PathPrefix, HostRegexp, Query values) as an RE2
 * expression: literal text quoted, `{name}` as `defaultPattern`, `{name:re}` as `re`.
 */
export function templateToRegexp(
  template: string,
  defaultPattern: string,
  anchorEnd: boolean,
): string | undefined {
  const idx = braces(template);
  if (!idx) return undefined;
  let out = '^';
  let end = 0;
  for (const [s, e] of idx) {
    out += quoteMeta(template.slice(end, s));
    const inner = template.slice(s + 1, e - 1);
    const colon = inner.indexOf(':');
    out += `(?:${colon < 0 ? defaultPattern : inner.slice(colon + 1)})`;
    end = e;
  }
  out += quoteMeta(template.slice(end));
  return anchorEnd ? `${out}$` : out;
}

const hasTemplate = (s: string) => /\{[^}]*\}/.test(s);
const validRegexp = (p: string) => compileRe2(p, false) !== undefined;
// eslint-disable-next-line no-control-regex
const ascii = (s: string) => /^[\x00-\x7F]*$/.test(s);

/** Interprets one matcher as Traefik does in the given rule syntax. */
export function interpretMatcher(
  m: Matcher,
  syntax: RuleSyntax,
): TraefikCondition {
  const invalid = (reason: string): TraefikCondition => ({
    kind: 'invalid',
    reason,
  });
  const name = canonicalMatcherName(m.name, syntax);
  if (!name) {
    if (TCP.includes(m.name)) {
      return invalid(`${m.name} is a TCP matcher, not an HTTP one`);
    }
    const other = canonicalMatcherName(m.name, syntax === 'v3' ? 'v2' : 'v3');
    return invalid(
      other
        ? `${other} is a ${
            syntax === 'v3' ? 'v2' : 'v3'
          } matcher; Traefik rejects it in ${syntax} syntax`
        : `unknown matcher ${m.name}`,
    );
  }
  const args = m.args;
  const argError = (allowed: number[] | 'many') => {
    const n = args.length;
    if (allowed === 'many' ? n > 0 : allowed.includes(n)) return undefined;
    const expected = allowed === 'many' ? 'at least 1' : allowed.join(' or ');
    return `${name} takes ${expected} argument(s) in ${syntax} syntax, not ${n}`;
  };
  const many: number[] | 'many' = syntax === 'v3' ? [1] : 'many';
  switch (name) {
    case 'Host':
    case 'HostHeader': {
      const err = argError(many);
      if (err) return invalid(err);
      const bad = args.find(h => !ascii(h));
      if (bad !== undefined) return invalid(`non-ASCII host ${bad}`);
      return {
        kind: 'host',
        hosts: args.map(h => h.toLowerCase().replace(/\.$/, '')),
      };
    }
    case 'HostRegexp': {
      const err = argError(many);
      if (err) return invalid(err);
      if (args.some(h => !ascii(h))) return invalid('non-ASCII HostRegexp');
      const patterns =
        syntax === 'v3'
          ? args
          : args.map(a => templateToRegexp(a, '[^.]+', true));
      const bad = patterns.findIndex(p => p === undefined || !validRegexp(p));
      if (bad >= 0) return invalid(`invalid HostRegexp ${args[bad]}`);
      return {
        kind: 'hostRegexp',
        patterns: patterns as string[],
        lowerCase: syntax === 'v3',
      };
    }
    case 'Path':
    case 'PathPrefix': {
      const err = argError(many);
      if (err) return invalid(err);
      const bad = args.find(p => p !== '' && !p.startsWith('/'));
      if (bad !== undefined || (syntax === 'v3' && args[0] === '')) {
        return invalid(`path ${bad ?? args[0]} does not start with a /`);
      }
      if (syntax === 'v2' && args.some(hasTemplate)) {
        const patterns = args.map(a =>
          templateToRegexp(a, '[^/]+', name === 'Path'),
        );
        const i = patterns.findIndex(p => p === undefined || !validRegexp(p));
        if (i >= 0) return invalid(`invalid path template ${args[i]}`);
        return {
          kind: 'path',
          type: 'RegularExpression',
          values: patterns as string[],
        };
      }
      return {
        kind: 'path',
        type: name === 'Path' ? 'Exact' : 'PathPrefix',
        values: args,
      };
    }
    case 'PathRegexp': {
      const err = argError([1]);
      if (err) return invalid(err);
      if (!validRegexp(args[0])) return invalid(`invalid regexp ${args[0]}`);
      return { kind: 'path', type: 'RegularExpression', values: args };
    }
    case 'Header':
    case 'HeaderRegexp': {
      const err = argError([2]);
      if (err) return invalid(err);
      const regex = name === 'HeaderRegexp';
      if (regex && !validRegexp(args[1])) {
        return invalid(`invalid regexp ${args[1]}`);
      }
      return {
        kind: 'header',
        headers: [{ name: args[0], value: args[1], regex }],
      };
    }
    case 'Headers':
    case 'HeadersRegexp': {
      if (!args.length || args.length % 2) {
        return invalid(`${name} takes key and value pairs`);
      }
      const regex = name === 'HeadersRegexp';
      const headers: Array<{ name: string; value?: string; regex: boolean }> =
        [];
      for (let i = 0; i < args.length; i += 2) {
        const value = args[i + 1];
        if (regex && !validRegexp(value)) {
          return invalid(`invalid regexp ${value}`);
        }
        // an empty value asks only that the header be present
        headers.push(
          value === ''
            ? { name: args[i], regex: false }
            : { name: args[i], value, regex },
        );
      }
      return { kind: 'header', headers };
    }
    case 'Query':
    case 'QueryRegexp': {
      if (syntax === 'v2') {
        // `k=v` arguments split on the first =, then taken as key and value pairs
        const parts = args.flatMap(a => {
          const i = a.indexOf('=');
          return i < 0 ? [a] : [a.slice(0, i), a.slice(i + 1)];
        });
        if (!parts.length || parts.length % 2) {
          return invalid('Query takes key=value pairs in v2 syntax');
        }
        const params: Array<{ name: string; value?: string; regex: boolean }> =
          [];
        for (let i = 0; i < parts.length; i += 2) {
          const value = parts[i + 1];
          if (value === '') params.push({ name: parts[i], regex: false });
          else if (hasTemplate(value)) {
            const p = templateToRegexp(value, '.*', true);
            if (!p || !validRegexp(p)) {
              return invalid(`invalid query template ${value}`);
            }
            params.push({ name: parts[i], value: p, regex: true });
          } else params.push({ name: parts[i], value, regex: false });
        }
        return { kind: 'query', params, anyValue: false };
      }
      const err = argError([1, 2]);
      if (err) return invalid(err);
      // one argument: the parameter with an empty value (`?k` or `?k=`)
      const regex = name === 'QueryRegexp' && args.length === 2;
      if (regex && !validRegexp(args[1])) {
        return invalid(`invalid regexp ${args[1]}`);
      }
      return {
        kind: 'query',
        params: [{ name: args[0], value: args[1] ?? '', regex }],
        anyValue: true,
      };
    }
    case 'Method': {
      const err = argError(many);
      if (err) return invalid(err);
      return { kind: 'method', methods: args.map(x => x.toUpperCase()) };
    }
    case 'ClientIP': {
      const err = argError(many);
      return err ? invalid(err) : { kind: 'clientIP', ranges: args };
    }
    default:
      return invalid(`unknown matcher ${m.name}`);
  }
}

/** Every matcher of a rule, under `!`, `&&` and `||`. */
export function allMatchers(node: TraefikRuleNode): Matcher[] {
  if (node.type === 'matcher') return [node];
  if (node.type === 'not') return allMatchers(node.child);
  return node.children.flatMap(allMatchers);
}

/** Why Traefik refuses the rule's router, or undefined when it accepts it. */
export function ruleRejection(
  node: TraefikRuleNode,
  syntax: RuleSyntax,
): { matcher: Matcher; reason: string } | undefined {
  for (const m of allMatchers(node)) {
    const c = interpretMatcher(m, syntax);
    if (c.kind === 'invalid') return { matcher: m, reason: c.reason };
  }
  return undefined;
}

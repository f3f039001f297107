import type { HttpRouteObjectValueMatch } from '../tester';
import { searchToFullMatch } from './regex';
import type { TraefikCondition } from './traefikMatchers';
import type { ConversionProblem } from './types';

/** How Traefik's string prefix and Gateway API's path-segment prefix differ for one value. */
export function prefixNote(prefix: string): string {
  const head = `PathPrefix(\`${prefix}\`) converted: Traefik matches a string prefix while Gateway API matches whole path segments`;
  if (prefix === '/') return `${head}; for / they agree`;
  const bare = prefix.replace(/\/+$/, '');
  if (bare !== prefix) {
    return `${head}; Gateway API ignores the trailing slash, so ${bare} now matches too`;
  }
  return `${head}; ${bare}x no longer matches, only ${bare} and ${bare}/…`;
}

/**
 * One header or query condition as an HTTPRoute value match: exact stays exact; a regular
 * expression (searched by Traefik) becomes a full match; "present with any value" becomes `.*`;
 * an empty value (v3 `Query(k)`), which an Exact match cannot hold, becomes `^$`.
 */
function valueMatch(v: {
  name: string;
  value?: string;
  regex: boolean;
}): HttpRouteObjectValueMatch {
  if (v.value === undefined) {
    return { type: 'RegularExpression', name: v.name, value: '.*' };
  }
  if (v.regex) {
    return {
      type: 'RegularExpression',
      name: v.name,
      value: searchToFullMatch(v.value),
    };
  }
  if (v.value === '') {
    return { type: 'RegularExpression', name: v.name, value: '^$' };
  }
  return { type: 'Exact', name: v.name, value: v.value };
}

/**
 * The header and query parameter matches of a Traefik rule's conditions; regular expressions
 * turned into full matches, a query key alone into "present". Repeated names go to `problems`.
 */
export function valueMatches(
  conditions: Array<{ c: TraefikCondition; text: string; position: number }>,
  index: number,
  problems: ConversionProblem[],
): {
  headers: HttpRouteObjectValueMatch[];
  queryParams: HttpRouteObjectValueMatch[];
} {
  const headers: HttpRouteObjectValueMatch[] = [];
  const queryParams: HttpRouteObjectValueMatch[] = [];
  for (const { c, text, position } of conditions) {
    if (c.kind === 'header') {
      for (const h of c.headers) {
        if (headers.some(x => x.name.toLowerCase() === h.name.toLowerCase())) {
          problems.push({
            route: index,
            what: text,
            reason: `header ${h.name} is matched twice; HTTPRoute header names must be unique`,
            position,
          });
        }
        headers.push(valueMatch(h));
      }
    }
    if (c.kind === 'query') {
      for (const p of c.params) {
        if (queryParams.some(q => q.name === p.name)) {
          problems.push({
            route: index,
            what: text,
            reason: `query parameter ${p.name} is matched twice; HTTPRoute names must be unique`,
            position,
          });
        }
        queryParams.push(valueMatch(p));
      }
    }
  }

  return { headers, queryParams };
}

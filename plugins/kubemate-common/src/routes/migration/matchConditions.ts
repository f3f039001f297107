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
      if (headers.some(h => h.name.toLowerCase() === c.name.toLowerCase())) {
        problems.push({
          route: index,
          what: text,
          reason: `header ${c.name} is matched twice; HTTPRoute header names must be unique`,
          position,
        });
      }
      headers.push(
        c.regex
          ? {
              type: 'RegularExpression',
              name: c.name,
              value: searchToFullMatch(c.value),
            }
          : { type: 'Exact', name: c.name, value: c.value },
      );
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
        if (p.value === undefined) {
          queryParams.push({
            type: 'RegularExpression',
            name: p.name,
            value: '.*',
          });
        } else {
          queryParams.push(
            p.regex
              ? {
                  type: 'RegularExpression',
                  name: p.name,
                  value: searchToFullMatch(p.value),
                }
              : { type: 'Exact', name: p.name, value: p.value },
          );
        }
      }
    }
  }

  return { headers, queryParams };
}

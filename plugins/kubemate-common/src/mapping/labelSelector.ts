/**
 * Kubernetes label selectors (the string form used in `?labelSelector=`): `a=b`, `a==b`,
 * `a!=b`, `a in (x,y)`, `a notin (x,y)`, `a`, `!a`, joined by commas (AND). As in Kubernetes,
 * `!=` and `notin` also match objects that lack the label.
 */
export type LabelRequirement =
  | { key: string; op: 'in' | 'notin'; values: string[] }
  | { key: string; op: 'exists' | 'doesnotexist' };

const KEY =
  /^([a-z0-9A-Z]([-a-z0-9A-Z_.]*[a-z0-9A-Z])?\/)?[a-zA-Z0-9]([-a-zA-Z0-9_.]*[a-zA-Z0-9])?$/;

/** Splits on commas that are not inside a `( … )` value list. */
function splitTopLevel(selector: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  for (const ch of selector) {
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if (ch === ',' && depth === 0) {
      parts.push(current);
      current = '';
    } else {
      current += ch;
    }
  }
  parts.push(current);
  return parts.map(p => p.trim()).filter(Boolean);
}

function checkKey(key: string, selector: string): string {
  if (!KEY.test(key)) {
    throw new Error(`invalid label key '${key}' in selector '${selector}'`);
  }
  return key;
}

/** Parses a selector; throws an Error naming the bad part. An empty selector matches all. */
export function parseLabelSelector(selector: string): LabelRequirement[] {
  return splitTopLevel(selector).map(part => {
    const set = part.match(/^(\S+)\s+(in|notin)\s+\(([^)]*)\)$/);
    if (set) {
      const values = set[3]
        .split(',')
        .map(v => v.trim())
        .filter(Boolean);
      return {
        key: checkKey(set[1], selector),
        op: set[2] as 'in' | 'notin',
        values,
      };
    }
    const eq = part.match(/^([^=!]+?)\s*(==|=|!=)\s*(\S*)$/);
    if (eq) {
      return {
        key: checkKey(eq[1], selector),
        op: eq[2] === '!=' ? 'notin' : 'in',
        values: [eq[3]],
      };
    }
    if (part.startsWith('!')) {
      return {
        key: checkKey(part.slice(1).trim(), selector),
        op: 'doesnotexist',
      };
    }
    return { key: checkKey(part, selector), op: 'exists' };
  });
}

export function matchesLabelSelector(
  requirements: LabelRequirement[],
  labels: Record<string, string> | undefined,
): boolean {
  const l = labels ?? {};
  return requirements.every(r => {
    const has = Object.prototype.hasOwnProperty.call(l, r.key);
    switch (r.op) {
      case 'exists':
        return has;
      case 'doesnotexist':
        return !has;
      case 'in':
        return has && r.values.includes(l[r.key]);
      case 'notin':
        return !has || !r.values.includes(l[r.key]);
      default:
        return false;
    }
  });
}

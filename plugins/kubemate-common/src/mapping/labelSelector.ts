/**
 * Kubernetes label selectors (the string form used in `?labelSelector=`): `a=b`, `a==b`,
 * `a!=b`, `a in (x,y)`, `a notin (x,y)`, `a`, `!a`, joined by commas (AND). As in Kubernetes,
 * `!=` and `notin` also match objects that lack the label.
 */
export type LabelRequirement =
  | { key: string; op: 'in' | 'notin'; values: string[] }
  | { key: string; op: 'exists' | 'doesnotexist' };

/**
 * Longest selector accepted. Kubernetes has no limit of its own, but an entity annotation or a
 * query string is never legitimately this long, and the bound keeps every parse cheap.
 */
export const MAX_LABEL_SELECTOR_LENGTH = 4096;

// Kubernetes' own limits: a DNS-subdomain prefix of at most 253 characters, a name and a value
// of at most 63. Lengths are checked before any pattern, so the patterns only see short input.
const PREFIX = /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/;
const NAME = /^[a-zA-Z0-9]([-a-zA-Z0-9_.]*[a-zA-Z0-9])?$/;

function checkKey(key: string, selector: string): string {
  const slash = key.indexOf('/');
  const prefix = slash >= 0 ? key.slice(0, slash) : undefined;
  const name = slash >= 0 ? key.slice(slash + 1) : key;
  const valid =
    name.length > 0 &&
    name.length <= 63 &&
    NAME.test(name) &&
    (prefix === undefined ||
      (prefix.length > 0 && prefix.length <= 253 && PREFIX.test(prefix)));
  if (!valid) {
    throw new Error(`invalid label key '${key}' in selector '${selector}'`);
  }
  return key;
}

function checkValue(value: string, selector: string): string {
  if (value.length > 63 || (value !== '' && !NAME.test(value))) {
    throw new Error(`invalid label value '${value}' in selector '${selector}'`);
  }
  return value;
}

/** Splits on commas that are not inside a `( … )` value list, in one pass. */
function splitTopLevel(selector: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let from = 0;
  for (let i = 0; i < selector.length; i++) {
    const ch = selector[i];
    if (ch === '(') depth++;
    else if (ch === ')') depth--;
    else if (ch === ',' && depth === 0) {
      parts.push(selector.slice(from, i));
      from = i + 1;
    }
  }
  parts.push(selector.slice(from));
  return parts.map(p => p.trim()).filter(Boolean);
}

/** `key in (a, b)` / `key notin (a)`, or undefined when the part has another form. */
function parseSetRequirement(
  part: string,
  selector: string,
): LabelRequirement | undefined {
  const space = part.search(/\s/);
  if (space < 0) return undefined;
  const rest = part.slice(space).trimStart();
  let op: 'in' | 'notin' | undefined;
  if (rest.startsWith('notin')) op = 'notin';
  else if (rest.startsWith('in')) op = 'in';
  if (!op) return undefined;
  const list = rest.slice(op.length).trim();
  if (!list.startsWith('(') || !list.endsWith(')')) {
    throw new Error(
      `invalid value list in '${part}' of selector '${selector}'`,
    );
  }
  const values = list
    .slice(1, -1)
    .split(',')
    .map(v => v.trim())
    .filter(Boolean)
    .map(v => checkValue(v, selector));
  return { key: checkKey(part.slice(0, space), selector), op, values };
}

/**
 * Parses a selector; throws an Error naming the bad part. An empty selector matches all.
 * Linear in the selector's length (no backtracking patterns on unbounded input).
 */
export function parseLabelSelector(selector: string): LabelRequirement[] {
  if (selector.length > MAX_LABEL_SELECTOR_LENGTH) {
    throw new Error(
      `label selector is ${selector.length} characters long; at most ${MAX_LABEL_SELECTOR_LENGTH} are accepted`,
    );
  }
  return splitTopLevel(selector).map(part => {
    const set = parseSetRequirement(part, selector);
    if (set) return set;
    const eq = part.indexOf('=');
    if (eq >= 0) {
      const negated = eq > 0 && part[eq - 1] === '!';
      const double = !negated && part[eq + 1] === '=';
      const key = part.slice(0, negated ? eq - 1 : eq).trim();
      const value = part.slice(double ? eq + 2 : eq + 1).trim();
      return {
        key: checkKey(key, selector),
        op: negated ? 'notin' : 'in',
        values: [checkValue(value, selector)],
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

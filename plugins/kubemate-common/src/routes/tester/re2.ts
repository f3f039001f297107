/**
 * Regular expressions in Go's RE2 syntax (what Traefik compiles and what Envoy-based Gateway API
 * implementations evaluate) run on JavaScript's engine. The common RE2 forms JavaScript spells
 * differently are rewritten: leading flags `(?i)`, `(?s)`, `(?m)`; named groups `(?P<name>…)`;
 * `\A` and `\z`; `\Q…\E` literals; POSIX classes such as `[[:alpha:]]`. A form RE2 rejects or
 * JavaScript cannot express (flags in the middle, `(?U)`, back-references) yields undefined,
 * which callers treat as an expression that matches nothing (the router or route is rejected).
 */

const POSIX: Record<string, string> = {
  alnum: '0-9A-Za-z',
  alpha: 'A-Za-z',
  ascii: '\\x00-\\x7F',
  blank: '\\t ',
  cntrl: '\\x00-\\x1F\\x7F',
  digit: '0-9',
  graph: '!-~',
  lower: 'a-z',
  print: ' -~',
  punct: '!-\\/:-@\\[-`{-~',
  space: '\\t\\n\\v\\f\\r ',
  upper: 'A-Z',
  word: '0-9A-Za-z_',
  xdigit: '0-9A-Fa-f',
};

function escapeLiteral(s: string): string {
  return s.replace(/[\\^$.*+?()[\]{}|/-]/g, c => `\\${c}`);
}

/** The JavaScript source and flags of an RE2 expression, or undefined when not expressible. */
export function re2ToJs(
  pattern: string,
): { source: string; flags: string } | undefined {
  let body = pattern;
  const flags = new Set<string>();
  const lead = /^\(\?([imsU]+)\)/.exec(body);
  if (lead) {
    if (lead[1].includes('U')) return undefined;
    for (const f of lead[1]) flags.add(f);
    body = body.slice(lead[0].length);
  }
  let out = '';
  let inClass = false;
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (c === '\\') {
      const n = body[i + 1];
      if (n === undefined) return undefined; // trailing backslash: RE2 rejects it
      if (n === 'Q') {
        const end = body.indexOf('\\E', i + 2);
        const literal = body.slice(i + 2, end < 0 ? undefined : end);
        out += escapeLiteral(literal);
        i = end < 0 ? body.length : end + 1;
        continue;
      }
      if (!inClass && n === 'A') {
        out += '(?<![\\s\\S])';
      } else if (!inClass && n === 'z') {
        out += '(?![\\s\\S])';
      } else if (/[1-9]/.test(n) || n === 'k') {
        return undefined; // RE2 has no back-references
      } else {
        out += c + n;
      }
      i++;
      continue;
    }
    if (inClass) {
      if (c === '[' && body[i + 1] === ':') {
        const end = body.indexOf(':]', i + 2);
        const name = end < 0 ? '' : body.slice(i + 2, end);
        const negated = name.startsWith('^');
        const cls = POSIX[negated ? name.slice(1) : name];
        if (cls && !negated) {
          out += cls;
          i = end + 1;
          continue;
        }
        if (cls) return undefined;
      }
      if (c === ']') inClass = false;
      out += c;
      continue;
    }
    if (c === '[') {
      inClass = true;
      out += c;
      // a leading ] (or ^]) is a literal in RE2
      if (body[i + 1] === '^') {
        out += '^';
        i++;
      }
      if (body[i + 1] === ']') {
        out += '\\]';
        i++;
      }
      continue;
    }
    if (c === '(' && body[i + 1] === '?') {
      if (body.startsWith('(?P<', i)) {
        out += '(?<';
        i += 3;
        continue;
      }
      if (body.startsWith('(?:', i) || body.startsWith('(?<', i)) {
        out += '(?';
        i++;
        continue;
      }
      return undefined; // flags mid-expression, lookarounds (RE2 has none)
    }
    out += c;
  }
  if (inClass) return undefined;
  return { source: out, flags: [...flags].join('') };
}

/** Compiles an RE2 expression for JavaScript; undefined when invalid. `anchored` makes it a full match. */
export function compileRe2(
  pattern: string,
  anchored: boolean,
): RegExp | undefined {
  const js = re2ToJs(pattern);
  if (!js) return undefined;
  try {
    return new RegExp(
      anchored ? `^(?:${js.source})$` : js.source,
      js.flags.replace('m', anchored ? '' : 'm'),
    );
  } catch {
    return undefined;
  }
}

/** Whether an RE2 expression matches somewhere in the value (Go's MatchString). */
export function re2Search(pattern: string, value: string): boolean {
  return compileRe2(pattern, false)?.test(value) ?? false;
}

/** Whether an RE2 expression matches the whole value (Envoy's safe_regex). */
export function re2FullMatch(pattern: string, value: string): boolean {
  return compileRe2(pattern, true)?.test(value) ?? false;
}

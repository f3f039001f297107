/**
 * A parser for Traefik router rules (v2 and v3 syntax): matchers such as `Host(`a.com`)` with
 * backtick or double-quoted arguments, combined with `&&`, `||`, `!` and parentheses.
 * Positions are 0-based character offsets into the rule.
 */

export type TraefikRuleNode =
  | {
      type: 'matcher';
      name: string;
      args: string[];
      position: number;
      /** The matcher as written in the rule. */
      text: string;
    }
  | { type: 'and'; children: TraefikRuleNode[]; position: number }
  | { type: 'or'; children: TraefikRuleNode[]; position: number }
  | { type: 'not'; child: TraefikRuleNode; position: number };

export type TraefikRuleParse =
  | { ok: true; node: TraefikRuleNode }
  | { ok: false; error: string; position: number };

type Token =
  | { kind: '(' | ')' | ',' | '&&' | '||' | '!' | 'end'; position: number }
  | { kind: 'ident' | 'string'; value: string; position: number };

class RuleSyntaxError extends Error {
  constructor(message: string, readonly position: number) {
    super(message);
  }
}

function tokenize(rule: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < rule.length) {
    const c = rule[i];
    if (/\s/.test(c)) {
      i++;
    } else if (c === '(' || c === ')' || c === ',') {
      tokens.push({ kind: c, position: i++ });
    } else if (rule.startsWith('&&', i) || rule.startsWith('||', i)) {
      tokens.push({ kind: rule.slice(i, i + 2) as '&&' | '||', position: i });
      i += 2;
    } else if (c === '!') {
      tokens.push({ kind: '!', position: i++ });
    } else if (/[A-Za-z]/.test(c)) {
      const start = i;
      while (i < rule.length && /[A-Za-z0-9]/.test(rule[i])) i++;
      tokens.push({
        kind: 'ident',
        value: rule.slice(start, i),
        position: start,
      });
    } else if (c === '`') {
      const close = rule.indexOf('`', i + 1);
      if (close < 0) throw new RuleSyntaxError('unterminated `string`', i);
      tokens.push({
        kind: 'string',
        value: rule.slice(i + 1, close),
        position: i,
      });
      i = close + 1;
    } else if (c === '"') {
      const start = i++;
      let value = '';
      while (i < rule.length && rule[i] !== '"') {
        if (rule[i] === '\\' && i + 1 < rule.length) i++;
        value += rule[i++];
      }
      if (i >= rule.length) {
        throw new RuleSyntaxError('unterminated "string"', start);
      }
      i++;
      tokens.push({ kind: 'string', value, position: start });
    } else {
      throw new RuleSyntaxError(`unexpected character ${c}`, i);
    }
  }
  tokens.push({ kind: 'end', position: rule.length });
  return tokens;
}

class Parser {
  private index = 0;
  constructor(
    private readonly rule: string,
    private readonly tokens: Token[],
  ) {}

  private peek(): Token {
    return this.tokens[this.index];
  }

  private next(): Token {
    return this.tokens[this.index++];
  }

  private expect(kind: Token['kind'], what: string): Token {
    const t = this.next();
    if (t.kind !== kind) {
      throw new RuleSyntaxError(`expected ${what}`, t.position);
    }
    return t;
  }

  parse(): TraefikRuleNode {
    const node = this.or();
    const t = this.peek();
    if (t.kind !== 'end') {
      throw new RuleSyntaxError(
        'expected && or || between matchers',
        t.position,
      );
    }
    return node;
  }

  private or(): TraefikRuleNode {
    const first = this.and();
    const children = [first];
    let position = -1;
    while (this.peek().kind === '||') {
      const op = this.next();
      if (position < 0) position = op.position;
      children.push(this.and());
    }
    return children.length > 1 ? { type: 'or', children, position } : first;
  }

  private and(): TraefikRuleNode {
    const first = this.unary();
    const children = [first];
    while (this.peek().kind === '&&') {
      this.next();
      children.push(this.unary());
    }
    return children.length > 1
      ? { type: 'and', children, position: first.position }
      : first;
  }

  private unary(): TraefikRuleNode {
    const t = this.peek();
    if (t.kind === '!') {
      this.next();
      return { type: 'not', child: this.unary(), position: t.position };
    }
    if (t.kind === '(') {
      this.next();
      const inner = this.or();
      this.expect(')', 'a closing parenthesis');
      return inner;
    }
    return this.matcher();
  }

  private matcher(): TraefikRuleNode {
    const name = this.next();
    if (name.kind !== 'ident') {
      throw new RuleSyntaxError(
        'expected a matcher such as Host(`…`)',
        name.position,
      );
    }
    this.expect('(', `( after ${name.value}`);
    const args: string[] = [];
    if (this.peek().kind !== ')') {
      for (;;) {
        const arg = this.next();
        if (arg.kind !== 'string') {
          throw new RuleSyntaxError(
            'expected a `quoted` argument',
            arg.position,
          );
        }
        args.push(arg.value);
        if (this.peek().kind !== ',') break;
        this.next();
      }
    }
    const close = this.expect(')', `) to close ${name.value}(`);
    return {
      type: 'matcher',
      name: name.value,
      args,
      position: name.position,
      text: this.rule.slice(name.position, close.position + 1),
    };
  }
}

/** Parses a Traefik rule; on a syntax error, says what and where. */
export function parseTraefikRule(rule: string): TraefikRuleParse {
  try {
    const node = new Parser(rule, tokenize(rule)).parse();
    return { ok: true, node };
  } catch (e) {
    if (e instanceof RuleSyntaxError) {
      return { ok: false, error: e.message, position: e.position };
    }
    throw e;
  }
}

/** The matchers ANDed at the top of a rule, or the first `||`/`!` node that prevents it. */
export function conjunction(
  node: TraefikRuleNode,
):
  | { ok: true; matchers: Extract<TraefikRuleNode, { type: 'matcher' }>[] }
  | { ok: false; node: TraefikRuleNode } {
  if (node.type === 'matcher') return { ok: true, matchers: [node] };
  if (node.type !== 'and') return { ok: false, node };
  const matchers: Extract<TraefikRuleNode, { type: 'matcher' }>[] = [];
  for (const child of node.children) {
    const inner = conjunction(child);
    if (!inner.ok) return inner;
    matchers.push(...inner.matchers);
  }
  return { ok: true, matchers };
}

import { conjunction, parseTraefikRule } from './traefikRule';

describe('parseTraefikRule', () => {
  it('parses matchers joined with && in backticks and double quotes', () => {
    const parsed = parseTraefikRule(
      'Host(`a.example.com`) && PathPrefix("/api")',
    );
    expect(parsed.ok).toBe(true);
    const conj = parsed.ok ? conjunction(parsed.node) : undefined;
    expect(conj).toEqual({
      ok: true,
      matchers: [
        {
          type: 'matcher',
          name: 'Host',
          args: ['a.example.com'],
          position: 0,
          text: 'Host(`a.example.com`)',
        },
        {
          type: 'matcher',
          name: 'PathPrefix',
          args: ['/api'],
          position: 25,
          text: 'PathPrefix("/api")',
        },
      ],
    });
  });

  it('parses multi-argument v2 forms and parentheses', () => {
    const parsed = parseTraefikRule(
      '(Host(`a.com`, `b.com`) && Headers(`X-A`, `1`))',
    );
    expect(parsed.ok && conjunction(parsed.node)).toMatchObject({
      ok: true,
      matchers: [
        { args: ['a.com', 'b.com'] },
        { name: 'Headers', args: ['X-A', '1'] },
      ],
    });
  });

  it('keeps || and ! with their positions', () => {
    const or = parseTraefikRule('Host(`a.com`) || Host(`b.com`)');
    expect(or.ok && or.node).toMatchObject({ type: 'or', position: 14 });
    const not = parseTraefikRule('Host(`a.com`) && !Path(`/x`)');
    expect(not.ok && conjunction(not.node)).toMatchObject({
      ok: false,
      node: { type: 'not', position: 17 },
    });
  });

  it.each([
    ['Host(`a.com`', 'expected ) to close Host(', 12],
    ['Host(`a.com) ', 'unterminated `string`', 5],
    ['Host(acom)', 'expected a `quoted` argument', 5],
    ['Host(`a.com`) Path(`/`)', 'expected && or || between matchers', 14],
    ["Host('a.com')", "unexpected character '", 5],
    ['', 'expected a matcher such as Host(`…`)', 0],
  ])('reports %j as %s at %d', (rule, error, position) => {
    expect(parseTraefikRule(rule)).toEqual({ ok: false, error, position });
  });
});

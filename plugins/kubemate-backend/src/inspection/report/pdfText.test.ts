import { pdfText } from './pdfText';

describe('pdfText', () => {
  it('keeps any script with a Unicode font, dropping only control characters', () => {
    expect(pdfText('节点 ノード 노드 узел\u0007', 600, true)).toBe(
      '节点 ノード 노드 узел?',
    );
  });

  it('prints what the standard fonts cannot encode as ?', () => {
    expect(pdfText('Zürich 节点 – ok', 600, false)).toBe('Zürich ?? – ok');
  });

  it('cuts long text with an ellipsis', () => {
    expect(pdfText('abcdef', 4, true)).toBe('abc…');
  });
});

import { isMap, isPair, isScalar, isSeq, parseDocument, type Node } from 'yaml';
import { fieldsAt } from './kubernetesSchema';

/** A key line: indentation, list dashes, the key. */
const KEY_LINE = /^(\s*)((?:-\s+)*)([^\s#:'"-][^:#]*?)\s*:(\s|$)/;

/**
 * The keys of the mappings that enclose a key written at `column` of line `line` (0-based),
 * read from the indentation of the lines above — it works on YAML that does not parse yet,
 * which is what one is typing. List items are transparent: `containers` for a container.
 */
export function pathAt(
  lines: string[],
  line: number,
  column: number,
): string[] {
  const path: string[] = [];
  let limit = column;
  for (let i = line - 1; i >= 0 && limit > 0; i--) {
    const m = KEY_LINE.exec(lines[i]);
    if (!m) continue;
    const dash = m[1].length;
    const key = dash + m[2].length;
    if (key < limit) {
      path.unshift(m[3]);
      // A key on a list item's line: the list's own key is left of the dash.
      limit = m[2] ? dash : key;
    } else if (m[2] && dash < limit) {
      // An earlier key of the same list item: its parent is left of the dash.
      limit = dash;
    }
  }
  return path;
}

/** Field names to offer for a key at `column` of `line`. */
export function keySuggestions(
  kind: string | undefined,
  text: string,
  line: number,
  column: number,
): readonly string[] {
  return fieldsAt(kind, pathAt(text.split('\n'), line, column)).fields;
}

export interface Hint {
  from: number;
  to: number;
  severity: 'error' | 'warning';
  message: string;
}

/**
 * Problems to show while editing: YAML syntax errors, and keys the field map knows cannot be
 * there (misspelt `spce`, `lables`). Unknown fields below paths the map lists only in part are
 * left to the API server, which refuses them by name on preview.
 */
export function yamlHints(kind: string | undefined, text: string): Hint[] {
  const doc = parseDocument(text, { prettyErrors: false });
  const hints: Hint[] = doc.errors.map(e => ({
    from: e.pos[0],
    to: Math.max(e.pos[1], e.pos[0] + 1),
    severity: 'error' as const,
    message: e.message.split('\n')[0],
  }));
  const objectKind =
    kind ?? (isMap(doc.contents) ? String(doc.get('kind') ?? '') : undefined);
  const walk = (node: unknown, path: string[]) => {
    if (isSeq(node)) {
      node.items.forEach(item => walk(item, path));
      return;
    }
    if (!isMap(node)) return;
    const known = fieldsAt(objectKind || undefined, path);
    for (const pair of node.items) {
      if (!isPair(pair) || !isScalar(pair.key)) continue;
      const name = String(pair.key.value);
      const range = (pair.key as Node).range;
      if (known.complete && !known.fields.includes(name) && range) {
        const where = path.length ? path.join('.') : objectKind || 'the object';
        hints.push({
          from: range[0],
          to: range[1],
          severity: 'warning',
          message: `Unknown field '${name}' in ${where}: the API server refuses it (strict field validation)`,
        });
      }
      walk(pair.value, [...path, name]);
    }
  };
  walk(doc.contents, []);
  return hints;
}

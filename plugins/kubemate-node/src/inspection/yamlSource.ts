import {
  Document,
  isMap,
  isScalar,
  isSeq,
  LineCounter,
  Node,
  parseAllDocuments,
  Scalar,
} from 'yaml';
import { RuleProblem } from './errors';

type Path = Array<string | number>;

/**
 * One YAML document with helpers to find the line of a field, so every
 * validation problem can name its file and line (rules, profiles, probe files).
 *
 * @public
 */
export class YamlDoc {
  constructor(
    readonly file: string,
    private readonly doc: Document.Parsed,
    private readonly lines: LineCounter,
  ) {}

  get value(): unknown {
    return this.doc.toJS({ maxAliasCount: 100 });
  }

  /** 1-based line of the document start. */
  get line(): number {
    const range = this.doc.contents?.range ?? this.doc.range;
    return this.lines.linePos(range[0]).line;
  }

  /** The node at a path (or the closest existing parent). */
  private nodeAt(path: Path): Node | undefined {
    for (let i = path.length; i > 0; i--) {
      const node = this.doc.getIn(path.slice(0, i), true);
      if (node && typeof node === 'object' && 'range' in (node as object)) {
        return node as Node;
      }
    }
    return this.doc.contents ?? undefined;
  }

  /** 1-based line of the value at `path` (or its closest parent). */
  lineOf(path: Path): number {
    const node = this.nodeAt(path);
    const offset = node?.range?.[0];
    return offset === undefined ? this.line : this.lines.linePos(offset).line;
  }

  /**
   * Line of a character offset inside a string value (for CEL errors):
   * block scalars start on the line after the indicator.
   */
  lineInValue(path: Path, charOffset: number, text: string): number {
    const node = this.doc.getIn(path, true);
    let line = this.lineOf(path);
    if (isScalar(node)) {
      const type = (node as Scalar).type;
      if (type === Scalar.BLOCK_LITERAL || type === Scalar.BLOCK_FOLDED) {
        line += 1;
      }
      if (type !== Scalar.PLAIN || text.includes('\n')) {
        line += countNewlines(text, charOffset);
      }
    }
    return line;
  }

  /** Keys present in the mapping at `path` with their lines. */
  keysOf(path: Path): Array<{ key: string; line: number }> {
    const node = path.length ? this.doc.getIn(path, true) : this.doc.contents;
    if (!isMap(node)) return [];
    return node.items.map(pair => {
      const key = pair.key as Node | null;
      const k = isScalar(key) ? String(key.value) : String(key);
      const offset = key?.range?.[0];
      return {
        key: k,
        line:
          offset === undefined ? this.line : this.lines.linePos(offset).line,
      };
    });
  }

  isSequence(path: Path): boolean {
    return isSeq(this.doc.getIn(path, true));
  }
}

function countNewlines(text: string, upTo: number): number {
  let n = 0;
  for (let i = 0; i < upTo && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) n++;
  }
  return n;
}

/**
 * Parse a (multi-document) YAML file. Syntax errors are returned as problems
 * with their line; empty documents are dropped.
 *
 * @public
 */
export function parseYamlDocuments(
  text: string,
  file: string,
): { docs: YamlDoc[]; problems: RuleProblem[] } {
  const lines = new LineCounter();
  const parsed = parseAllDocuments(text, {
    lineCounter: lines,
    prettyErrors: true,
  });
  const problems: RuleProblem[] = [];
  const docs: YamlDoc[] = [];
  const list: Document.Parsed[] = [...parsed];
  if ('empty' in parsed && parsed.empty) {
    for (const err of parsed.errors ?? []) {
      problems.push({
        file,
        line: err.linePos?.[0]?.line ?? 1,
        reason: `YAML syntax error: ${firstLine(err.message)}`,
      });
    }
  }
  for (const doc of list) {
    if (doc.errors.length) {
      for (const err of doc.errors) {
        problems.push({
          file,
          line: err.linePos?.[0]?.line ?? lines.linePos(doc.range[0]).line,
          reason: `YAML syntax error: ${firstLine(err.message)}`,
        });
      }
      continue;
    }
    if (doc.contents === null) continue;
    docs.push(new YamlDoc(file, doc, lines));
  }
  return { docs, problems };
}

function firstLine(message: string): string {
  return message.split('\n')[0];
}

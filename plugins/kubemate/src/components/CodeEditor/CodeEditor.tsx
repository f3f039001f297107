import {
  autocompletion,
  type CompletionContext,
  type CompletionResult,
} from '@codemirror/autocomplete';
import { StreamLanguage } from '@codemirror/language';
import { yaml } from '@codemirror/legacy-modes/mode/yaml';
import { linter, lintGutter, type Diagnostic } from '@codemirror/lint';
import type { Extension } from '@codemirror/state';
import { EditorView } from '@codemirror/view';
import { useTheme } from '@material-ui/core';
import CodeMirror from '@uiw/react-codemirror';
import { useMemo } from 'react';
import { keySuggestions, yamlHints } from './yamlHints';

const yamlLanguage = StreamLanguage.define(yaml);

/** Field names of the object's kind where a key is being typed (start of a mapping entry). */
function kubernetesCompletions(kind: string | undefined) {
  return (context: CompletionContext): CompletionResult | null => {
    const word = context.matchBefore(/[A-Za-z]*/);
    if (!word) return null;
    const line = context.state.doc.lineAt(context.pos);
    const before = line.text.slice(0, word.from - line.from);
    if (!/^\s*(-\s+)*$/.test(before)) return null;
    if (word.from === word.to && !context.explicit) return null;
    const fields = keySuggestions(
      kind,
      context.state.doc.toString(),
      line.number - 1,
      word.from - line.from,
    );
    if (fields.length === 0) return null;
    return {
      from: word.from,
      options: fields.map(f => ({
        label: f,
        type: 'property',
        apply: `${f}: `,
      })),
      validFor: /^[A-Za-z]*$/,
    };
  };
}

/**
 * A code editor (CodeMirror) for YAML and plain text: highlighting, line numbers, search, and
 * for Kubernetes YAML the fields of the object's kind as completions (Ctrl-Space) and unknown
 * or misspelt fields flagged while typing. Tab is left to move the focus on (Escape is not
 * needed to leave the editor), so it stays usable from the keyboard.
 */
export function CodeEditor(props: {
  value: string;
  onChange?: (value: string) => void;
  /** Accessible name of the editing area. */
  label: string;
  /** `yaml` highlights YAML; with `kind`, hints come from that kind's fields. */
  language?: 'yaml' | 'text';
  /** The Kubernetes kind of the YAML (Deployment, HTTPRoute, …) for schema hints. */
  kind?: string;
  readOnly?: boolean;
  minHeight?: string;
  maxHeight?: string;
}) {
  const theme = useTheme();
  const dark = theme.palette.type === 'dark';
  const { label, language = 'text', kind, readOnly } = props;
  const extensions = useMemo(() => {
    const list: Extension[] = [
      EditorView.contentAttributes.of({
        'aria-label': label,
        ...(readOnly ? { 'aria-readonly': 'true' } : {}),
      }),
      EditorView.lineWrapping,
    ];
    if (language === 'yaml') {
      list.push(yamlLanguage);
      if (kind !== undefined) {
        list.push(
          autocompletion({ override: [kubernetesCompletions(kind)] }),
          linter(
            view =>
              yamlHints(kind, view.state.doc.toString()).map(
                (h): Diagnostic => ({
                  from: Math.min(h.from, view.state.doc.length),
                  to: Math.min(h.to, view.state.doc.length),
                  severity: h.severity,
                  message: h.message,
                }),
              ),
            { delay: 300 },
          ),
          lintGutter(),
        );
      }
    }
    return list;
  }, [label, language, kind, readOnly]);
  return (
    <CodeMirror
      value={props.value}
      onChange={props.onChange}
      readOnly={readOnly}
      editable={!readOnly}
      theme={dark ? 'dark' : 'light'}
      minHeight={props.minHeight ?? '240px'}
      maxHeight={props.maxHeight ?? '60vh'}
      indentWithTab={false}
      basicSetup={{ foldGutter: false, autocompletion: false }}
      extensions={extensions}
      style={{
        border: `1px solid ${theme.palette.divider}`,
        borderRadius: theme.shape.borderRadius,
        fontSize: 13,
      }}
    />
  );
}

import { renderInTestApp } from '@backstage/test-utils';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { CodeEditor } from './CodeEditor';
import { editorText, setEditorText } from './__testUtils__/editorText';

function Harness(props: { initial: string; kind?: string }) {
  const [text, setText] = useState(props.initial);
  return (
    <>
      <CodeEditor
        label="YAML editor"
        language="yaml"
        kind={props.kind}
        value={text}
        onChange={setText}
      />
      <output aria-label="Current text">{text}</output>
      <button>After the editor</button>
    </>
  );
}

describe('CodeEditor', () => {
  it('edits YAML in a labelled, focusable editing area and reports changes', async () => {
    await renderInTestApp(
      <Harness initial={'kind: ConfigMap\ndata:\n  a: b\n'} kind="ConfigMap" />,
    );
    const editor = screen.getByRole('textbox', { name: 'YAML editor' });
    expect(editor).toHaveAttribute('contenteditable', 'true');
    expect(editorText(editor)).toBe('kind: ConfigMap\ndata:\n  a: b\n');
    setEditorText(editor, 'kind: ConfigMap\ndata:\n  a: c\n');
    await waitFor(() =>
      expect(screen.getByLabelText('Current text')).toHaveTextContent('a: c'),
    );
    // Tab leaves the editor (it does not indent), so the keyboard is never trapped.
    editor.focus();
    await userEvent.tab();
    expect(
      screen.getByRole('button', { name: 'After the editor' }),
    ).toHaveFocus();
  });

  it('flags unknown and misspelt fields of the kind', async () => {
    await renderInTestApp(
      <Harness
        initial={
          'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: x\n  lables: {}\nspce:\n  replicas: 1\n'
        }
        kind="Deployment"
      />,
    );
    await waitFor(
      () =>
        expect(document.querySelectorAll('.cm-lintRange-warning').length).toBe(
          2,
        ),
      { timeout: 5000 },
    );
  });
});

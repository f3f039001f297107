import { EditorView } from '@codemirror/view';
import { act } from '@testing-library/react';

// jsdom has no layout: CodeMirror measures text ranges, which jsdom lacks. Empty rectangles
// let it render and edit (what it draws where is not what these tests look at).
const emptyRects = () =>
  Object.assign([], { item: () => null }) as unknown as DOMRectList;
const emptyRect = () =>
  ({
    x: 0,
    y: 0,
    top: 0,
    left: 0,
    bottom: 0,
    right: 0,
    width: 0,
    height: 0,
  } as DOMRect);
if (typeof Range !== 'undefined' && !Range.prototype.getClientRects) {
  Range.prototype.getClientRects = emptyRects;
  Range.prototype.getBoundingClientRect = emptyRect;
}

/** The editor whose editing area is `element` (the element labelled by `CodeEditor`'s label). */
function viewOf(element: HTMLElement): EditorView {
  const view = EditorView.findFromDOM(element);
  if (!view) throw new Error('Not a code editor');
  return view;
}

/** The text in a code editor, as its state holds it (tests, and what a screen reader reads). */
export function editorText(element: HTMLElement): string {
  return viewOf(element).state.doc.toString();
}

/**
 * Replaces the text of a code editor as a user's paste would (a user transaction, so
 * `onChange` runs): jsdom has no layout, which CodeMirror's keyboard input relies on.
 */
export function setEditorText(element: HTMLElement, text: string): void {
  const view = viewOf(element);
  act(() => {
    view.dispatch({
      changes: { from: 0, to: view.state.doc.length, insert: text },
      userEvent: 'input.paste',
    });
  });
}

// The pipeline text in CodeMirror: JSON or YAML highlighting (chosen from the text), line numbers,
// Tab that indents (Escape, then Tab, moves on to the next field), bracket matching, completion of
// tool names and references, and each issue underlined where its path points.
import { autocompletion, closeBrackets, closeBracketsKeymap, completionKeymap } from '@codemirror/autocomplete';
import { defaultKeymap, history, historyKeymap, indentWithTab } from '@codemirror/commands';
import { json } from '@codemirror/lang-json';
import { yaml } from '@codemirror/lang-yaml';
import { bracketMatching, indentOnInput } from '@codemirror/language';
import { lintGutter, setDiagnostics, type Diagnostic } from '@codemirror/lint';
import { Compartment, EditorState } from '@codemirror/state';
import { EditorView, keymap, lineNumbers, drawSelection, highlightActiveLine } from '@codemirror/view';
import { useEffect, useRef } from 'react';
import { rangeOfPath } from './path-position';
import { pipelineCompletion, type ToolName } from './pipeline-completion';
import { editorHighlighting, editorTheme } from './pipeline-editor-theme';

export interface EditorIssue {
  path: string;
  message: string;
}

interface PipelineEditorProps {
  value: string;
  onChange(value: string): void;
  issues: readonly EditorIssue[];
  tools: readonly ToolName[];
  /** The field's label, read out by screen readers. */
  label: string;
  describedBy: string | undefined;
  invalid: boolean;
}

const looksLikeJson = (text: string): boolean => /^\s*([{[]|$)/.test(text);

/** Escape lets Tab leave the editor for two seconds, and does not close the dialog around it. */
const escapeReleasesTab = keymap.of([
  {
    key: 'Escape',
    run: (view) => {
      view.setTabFocusMode(2000);
      return true;
    },
  },
]);

export function PipelineEditor({ value, onChange, issues, tools, label, describedBy, invalid }: PipelineEditorProps) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const language = useRef(new Compartment());
  const attributes = useRef(new Compartment());
  const onChangeRef = useRef(onChange);
  const toolsRef = useRef(tools);
  useEffect(() => {
    onChangeRef.current = onChange;
    toolsRef.current = tools;
  }, [onChange, tools]);

  useEffect(() => {
    // In a shadow root CodeMirror's styles go in as constructed style sheets, which the board's CSP
    // (style-src 'self') allows; in the document itself they would be a blocked inline <style>.
    const root = host.current!.shadowRoot ?? host.current!.attachShadow({ mode: 'open' });
    const editor = new EditorView({
      root,
      parent: root,
      state: EditorState.create({
        doc: value,
        extensions: [
          lineNumbers(),
          history(),
          drawSelection(),
          highlightActiveLine(),
          indentOnInput(),
          bracketMatching(),
          closeBrackets(),
          editorHighlighting,
          autocompletion({ override: [pipelineCompletion(() => toolsRef.current)] }),
          lintGutter(),
          escapeReleasesTab,
          keymap.of([...closeBracketsKeymap, ...completionKeymap, ...defaultKeymap, ...historyKeymap, indentWithTab]),
          EditorState.tabSize.of(2),
          editorTheme,
          language.current.of(looksLikeJson(value) ? json() : yaml()),
          attributes.current.of([]),
          EditorView.updateListener.of((update) => {
            if (!update.docChanged) return;
            const text = update.state.doc.toString();
            const wantJson = looksLikeJson(text);
            if (wantJson !== looksLikeJson(update.startState.doc.toString())) {
              update.view.dispatch({ effects: language.current.reconfigure(wantJson ? json() : yaml()) });
            }
            onChangeRef.current(text);
          }),
        ],
      }),
    });
    view.current = editor;
    return () => editor.destroy();
    // The editor is built once; later values arrive through the effect below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  // A value set from outside (a reset, a loaded task) replaces the text; typing is already in it.
  useEffect(() => {
    const editor = view.current;
    if (editor && editor.state.doc.toString() !== value) {
      editor.dispatch({ changes: { from: 0, to: editor.state.doc.length, insert: value } });
    }
  }, [value]);

  useEffect(() => {
    view.current?.dispatch({
      effects: attributes.current.reconfigure(
        EditorView.contentAttributes.of({
          'aria-label': label,
          ...(describedBy ? { 'aria-describedby': describedBy } : {}),
          'aria-invalid': String(invalid),
          'aria-multiline': 'true',
          role: 'textbox',
          // Marks the text as the focusable part of the regions that scroll around it (axe cannot
          // tell that contenteditable takes the focus), so a long pipeline is reachable by keyboard.
          tabindex: '0',
          'data-testid': 'pipeline-editor',
        }),
      ),
    });
  }, [label, describedBy, invalid]);

  useEffect(() => {
    const editor = view.current;
    if (!editor) return;
    const text = editor.state.doc.toString();
    const diagnostics: Diagnostic[] = issues.flatMap((issue) => {
      const range = rangeOfPath(text, issue.path) ?? { from: 0, to: Math.min(text.length, 1) };
      return [{ ...range, severity: 'error', message: `${issue.path || 'pipeline'}: ${issue.message}` }];
    });
    editor.dispatch(setDiagnostics(editor.state, diagnostics));
  }, [issues]);

  return <div ref={host} className={`pipeline-editor${invalid ? ' pipeline-editor-invalid' : ''}`} />;
}

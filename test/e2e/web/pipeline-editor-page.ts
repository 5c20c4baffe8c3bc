// Typing into the CodeMirror pipeline editor. Playwright's fill() on a contenteditable goes through
// the browser's editing commands, which wrap text in styled spans the board's CSP refuses; replacing
// the selection with insertText is what a paste does.
import type { Locator } from '@playwright/test';

export async function setEditorText(editor: Locator, text: string): Promise<void> {
  await editor.click();
  await editor.press('Control+a');
  if (text === '') await editor.press('Delete');
  else await editor.page().keyboard.insertText(text);
}

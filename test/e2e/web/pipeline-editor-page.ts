// Typing into the CodeMirror pipeline editor: the whole text selected and replaced with insertText,
// as a paste does, so one step sets the text whatever was there before.
import type { Locator } from '@playwright/test';

export async function setEditorText(editor: Locator, text: string): Promise<void> {
  await editor.click();
  await editor.press('Control+a');
  if (text === '') await editor.press('Delete');
  else await editor.page().keyboard.insertText(text);
}

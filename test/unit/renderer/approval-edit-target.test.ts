// What "Edit and approve" edits for each kind of halted step, and the diff reader behind the
// approval card's diff view.
import { describe, expect, it } from 'vitest';
import type { Approval } from '../../../src-renderer/src/api/contract-types';
import { editTargetFor, VERDICT_SCHEMA } from '../../../src-renderer/src/features/approvals/edit-target';
import { parseDiff, tokenize } from '../../../src-renderer/src/features/approvals/diff-parse';

function approval(over: Partial<Approval>): Approval {
  return {
    id: 'a1',
    runId: 'r1',
    taskId: 't1',
    taskTitle: 'Task',
    kind: 'uncertainty',
    question: 'Continue?',
    signals: [],
    step: { id: 'verify', uses: 'llm.structured', role: 'verifier', phase: null },
    output: null,
    hasOutput: true,
    context: null,
    subject: null,
    budget: null,
    status: 'pending',
    input: null,
    note: null,
    decidedBy: null,
    decidedAt: null,
    expiresAt: null,
    createdAt: '2026-12-04T20:00:00.000Z',
    ...over,
  };
}

describe('the edit of an approval', () => {
  it("edits a structured answer in a form from the step's schema and keeps provider and usage out of it", () => {
    const schema = { type: 'object', properties: { title: { type: 'string' } }, required: ['title'] };
    const output = { object: { title: 'Old' }, provider: 'openai_compatible', usage: { input: 1 } };
    const target = editTargetFor({
      approval: approval({ output, step: { id: 's', uses: 'llm.structured', role: null, phase: null } }),
      stepInput: { prompt: 'p', schema },
      toolOutputSchema: undefined,
    });
    expect(target).toMatchObject({ mode: 'form', schema, initial: { title: 'Old' } });
    expect(target.merge({ title: 'New' })).toEqual({ ...output, object: { title: 'New' } });
  });

  it("edits a verifier's verdict in the verdict's form when its step gave no schema", () => {
    const target = editTargetFor({
      approval: approval({ output: { object: { pass: true, confidence: 0.5, issues: [] } } }),
      stepInput: { prompt: 'judge' },
      toolOutputSchema: undefined,
    });
    expect(target.mode).toBe('form');
    expect(target.schema).toBe(VERDICT_SCHEMA);
  });

  it("edits a model's draft as text and merges it back into the output", () => {
    const output = { text: 'Draft', model: 'm' };
    const target = editTargetFor({
      approval: approval({ output, step: { id: 'd', uses: 'llm.generate', role: 'drafter', phase: null } }),
      stepInput: {},
      toolOutputSchema: { type: 'object', properties: { text: { type: 'string' } } },
    });
    expect(target).toMatchObject({ mode: 'text', label: 'Text to approve with', initial: 'Draft' });
    expect(target.merge('Better')).toEqual({ text: 'Better', model: 'm' });
  });

  it("edits an approval step's input as free text and names bad JSON", () => {
    const target = editTargetFor({
      approval: approval({ kind: 'approval_step', context: { file: 'a.txt' } }),
      stepInput: {},
      toolOutputSchema: undefined,
    });
    expect(target.mode).toBe('text');
    expect(target.merge('{ "title": "x" }')).toEqual({ title: 'x' });
    expect(() => target.merge('{ nope')).toThrow(/The edited output is not valid JSON/);
  });

  it("falls back to the tool's output schema for any other step", () => {
    const schema = { type: 'object', properties: { status: { type: 'integer' } } };
    const target = editTargetFor({
      approval: approval({ output: { status: 500 }, step: { id: 'h', uses: 'http.request', role: null, phase: null } }),
      stepInput: {},
      toolOutputSchema: schema,
    });
    expect(target).toMatchObject({ mode: 'form', schema, initial: { status: 500 } });
  });
});

describe('reading a diff', () => {
  const diff = [
    'diff --git a/src/app.ts b/src/app.ts',
    'index 1111111..2222222 100644',
    '--- a/src/app.ts',
    '+++ b/src/app.ts',
    '@@ -10,3 +10,3 @@ export function main() {',
    ' const a = 1;',
    "-const b = 'old';",
    "+const b = 'new';",
    '',
  ].join('\n');

  it('numbers the old and new lines of each hunk and names the files', () => {
    const { files, lines } = parseDiff(diff);
    expect(files).toEqual(['src/app.ts']);
    expect(lines.map((l) => [l.kind, l.oldNumber, l.newNumber])).toEqual([
      ['meta', null, null],
      ['meta', null, null],
      ['meta', null, null],
      ['meta', null, null],
      ['hunk', null, null],
      ['context', 10, 10],
      ['del', 11, null],
      ['add', null, 11],
    ]);
  });

  it('reads a removed line starting with "--" inside a hunk as a removal, not a file header', () => {
    const { lines } = parseDiff('@@ -1 +1 @@\n--- old comment\n+++ new comment\n');
    expect(lines.map((l) => l.kind)).toEqual(['hunk', 'del', 'add']);
  });

  it('picks out keywords, strings, numbers and comments', () => {
    expect(tokenize("const b = 'new'; // 42")).toEqual([
      { kind: 'keyword', text: 'const' },
      { kind: 'plain', text: ' b = ' },
      { kind: 'string', text: "'new'" },
      { kind: 'plain', text: '; ' },
      { kind: 'comment', text: '// 42' },
    ]);
  });
});

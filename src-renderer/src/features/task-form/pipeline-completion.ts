// Completion in the pipeline editor: tool names after `uses`, and `${params.…}` / `${steps.…}`
// references from the params and the earlier steps' ids and save_as names the text declares.
import type { CompletionContext, CompletionResult } from '@codemirror/autocomplete';
import { parsePipeline } from './pipeline-text';

export interface ToolName {
  name: string;
  description: string;
}

/** The names the text declares, read leniently: nothing when it does not parse yet. */
function declared(text: string): { params: string[]; steps: string[] } {
  const parsed = parsePipeline(text);
  if (!('pipeline' in parsed) || typeof parsed.pipeline !== 'object' || parsed.pipeline === null) {
    return { params: [], steps: [] };
  }
  const pipeline = parsed.pipeline as { params?: unknown; steps?: unknown };
  const params = pipeline.params && typeof pipeline.params === 'object' ? Object.keys(pipeline.params) : [];
  const steps = Array.isArray(pipeline.steps)
    ? pipeline.steps.flatMap((s: { id?: unknown; save_as?: unknown }) =>
        [s?.save_as, s?.id].filter((v): v is string => typeof v === 'string' && v !== ''),
      )
    : [];
  return { params, steps: [...new Set(steps)] };
}

export function pipelineCompletion(tools: () => readonly ToolName[]) {
  return (context: CompletionContext): CompletionResult | null => {
    const line = context.state.doc.lineAt(context.pos);
    const before = line.text.slice(0, context.pos - line.from);

    const reference = /\$\{([\w.]*)$/.exec(before);
    if (reference) {
      const text = context.state.doc.toString();
      const { params, steps } = declared(text);
      const options = [
        ...params.map((p) => ({ label: `params.${p}`, type: 'variable', detail: 'param' })),
        ...steps.map((s) => ({ label: `steps.${s}`, type: 'property', detail: 'step output' })),
        { label: 'now', type: 'constant', detail: 'the run’s start' },
        { label: 'task.title', type: 'constant' },
        { label: 'run.id', type: 'constant' },
      ];
      return { from: context.pos - reference[1]!.length, options, validFor: /^[\w.]*$/ };
    }

    const uses = /(?:"uses"\s*:\s*"?|\buses\s*:\s*["']?)([\w.-]*)$/.exec(before);
    if (uses) {
      return {
        from: context.pos - uses[1]!.length,
        options: tools().map((t) => ({ label: t.name, type: 'function', info: t.description })),
        validFor: /^[\w.-]*$/,
      };
    }
    return null;
  };
}

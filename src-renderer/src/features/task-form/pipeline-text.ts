// The pipeline editor's text: a task's pipeline as pretty-printed JSON, and that text read back.
import type { Pipeline } from '../../api/contract-types';

export const PIPELINE_EXAMPLE = '{"steps":[{"id":"hello","uses":"shell.exec","with":{"argv":["echo","hello"]}}]}';

/** The text the editor starts with: empty for a task without steps. */
export function pipelineText(pipeline: Pipeline | undefined): string {
  if (!pipeline || (pipeline.steps.length === 0 && !pipeline.params)) return '';
  return JSON.stringify(pipeline, null, 2);
}

/** The pipeline the text holds ({ steps: [] } when empty), or why it is not JSON. */
export function parsePipeline(text: string): { pipeline: Pipeline } | { syntaxError: string } {
  if (!text.trim()) return { pipeline: { steps: [] } };
  try {
    // Its shape is the server's to check; only the syntax is checked here.
    return { pipeline: JSON.parse(text) as Pipeline };
  } catch (e) {
    return { syntaxError: `Not valid JSON: ${e instanceof Error ? e.message : String(e)}` };
  }
}

// The pipeline editor's text: a task's pipeline shown as pretty-printed JSON, and the text the user
// typed (JSON or YAML) read back. Only the syntax is checked here; the server checks the meaning.
import { parse as parseYaml } from 'yaml';
import type { Pipeline } from '../../api/contract-types';

export const PIPELINE_EXAMPLE = '{"steps":[{"id":"hello","uses":"shell.exec","with":{"argv":["echo","hello"]}}]}';

/** The text the editor starts with: empty for a task without steps. */
export function pipelineText(pipeline: Pipeline | undefined): string {
  if (!pipeline || (pipeline.steps.length === 0 && !pipeline.params)) return '';
  return JSON.stringify(pipeline, null, 2);
}

/** The pipeline the text holds ({ steps: [] } when blank), or why it is neither JSON nor YAML. */
export function parsePipeline(text: string): { pipeline: Pipeline } | { syntaxError: string } {
  if (!text.trim()) return { pipeline: { steps: [] } };
  try {
    return { pipeline: JSON.parse(text) as Pipeline };
  } catch (jsonError) {
    try {
      return { pipeline: parseYaml(text, { uniqueKeys: true }) as Pipeline };
    } catch (yamlError) {
      // Text that opens like a JSON object is read as JSON, so its error is the JSON one.
      if (/^\s*[[{]\s*("|\]|\}|$)/.test(text)) return { syntaxError: `Not valid JSON: ${errorText(jsonError)}` };
      return { syntaxError: `Not valid YAML: ${errorText(yamlError)}` };
    }
  }
}

function errorText(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.split('\n')[0] ?? text;
}

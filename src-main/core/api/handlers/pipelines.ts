// Pipeline calls: validate a pipeline (JSON or YAML text, or an object) and dry-run it, rendering
// each step's `if` and `with` with sample params without running anything.
import { dryRunPipeline, type DryRunResult } from '../../pipeline/dry-run';
import { validatePipeline, type ValidationResult } from '../../pipeline/spec';
import type { ToolLookup } from '../../pipeline/spec-tool-schemas';
import { findTool, toolCatalog, type ToolCatalogEntry } from '../../tools/registry';
import type { ParsedInput } from '../contract';
import type { HandlerContext } from './context';

/** The handlers' context; `lookupTool` also knows the tools of MCP servers when the runtime has them. */
export type PipelineHandlerContext = HandlerContext & { lookupTool?: ToolLookup };

/** The tools a pipeline may use: the runtime's lookup when it gives one, else the built-in tools. */
export function toolLookupOf(context: PipelineHandlerContext): ToolLookup {
  return context.lookupTool ?? findTool;
}

export function createPipelineHandlers(context: PipelineHandlerContext) {
  const lookup = toolLookupOf(context);
  return {
    'pipelines.validate': async ({ pipeline }: ParsedInput<'pipelines.validate'>): Promise<ValidationResult> =>
      validatePipeline(pipeline, lookup),

    /** The built-in tools with their schemas, for the pipeline editor's completion. */
    'tools.list': async (): Promise<ToolCatalogEntry[]> => toolCatalog(),

    'pipelines.dryRun': async (input: ParsedInput<'pipelines.dryRun'>): Promise<DryRunResult> =>
      dryRunPipeline(input, {
        lookup,
        now: context.clock.now(),
        timezone: context.settings.get().displayTimezone,
      }),
  };
}

// An edited output is checked before it is approved, as the step's own output would have been: against
// the tool's output schema, the step's JSON Schema for a structured answer, and the verdict shape for a
// verifier. A bad edit is refused naming the path in it, and the run keeps waiting for a decision.
import { z } from 'zod';
import { AppError } from '../lib/errors';
import { compileOutputSchema } from '../llm/structured';
import { verdictSchema } from '../pipeline/roles';
import type { Store } from '../store';
import type { Tool } from '../tools/tool';

function record(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

interface EditIssue {
  path: string;
  message: string;
}

/** input.object.issues[0], as the API names paths in its errors. */
function formatPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>(
    (out, key) => (typeof key === 'number' ? `${out}[${key}]` : out ? `${out}.${String(key)}` : String(key)),
    '',
  );
}

function issuesOf(schema: z.ZodType, value: unknown, at: PropertyKey[]): EditIssue[] {
  const parsed = schema.safeParse(value);
  if (parsed.success) return [];
  return parsed.error.issues.map((issue) => ({
    path: formatPath(['input', ...at, ...issue.path]),
    message: issue.message,
  }));
}

/**
 * The tool's output schema. Where the halted step gave an output the edit replaces it whole; where it
 * gave none (invalid output, a budget), the edit may give only the fields the next steps need, but
 * each must be one of the tool's and valid.
 */
function toolSchema(tool: Tool, hadOutput: boolean): z.ZodType {
  if (hadOutput || !(tool.output instanceof z.ZodObject)) return tool.output;
  return tool.output.partial().strict();
}

/** The step's `with.schema` as a checker, when it is a structured-output step with a usable one. */
function structuredSchema(tool: Tool, stepInput: unknown): z.ZodType | undefined {
  const schema = record(record(stepInput)?.schema);
  if (tool.name !== 'llm.structured' || !schema) return undefined;
  try {
    return compileOutputSchema(schema, 'schema');
  } catch {
    // The step could not have run with it either; the tool schema check still applies.
    return undefined;
  }
}

/** Refuses an edited output that the halted step could not have given; nothing to check for an approval step. */
export function checkEditedOutput(
  store: Store,
  approvalId: string,
  edited: unknown,
  findTool: (name: string) => Tool | undefined,
): void {
  const approval = store.approvals.get(approvalId);
  if (!approval || approval.status !== 'pending') return;
  const context = approval.context;
  const step = record(context.step);
  if (context.kind === 'approval_step' || typeof step?.uses !== 'string') return;
  const tool = findTool(step.uses);
  if (!tool) return;
  const halted = store.checkpoints
    .listForRun(approval.runId)
    .filter((c) => c.stepName === approval.stepId && c.status === 'failed')
    .at(-1);
  const issues = issuesOf(toolSchema(tool, 'output' in context), edited, []);
  const structured = structuredSchema(tool, record(halted?.stateSnapshot)?.input);
  const edit = record(edited);
  // A structured step answers in `object`: that is where its schema and a verdict are checked.
  const inObject = tool.name === 'llm.structured' || (edit !== undefined && 'object' in edit);
  const answer = inObject ? edit?.object : edited;
  const at = inObject ? ['object'] : [];
  if (structured) issues.push(...issuesOf(structured, answer, at));
  if (step.role === 'verifier') issues.push(...issuesOf(verdictSchema, answer, at));
  if (issues.length === 0) return;
  const unique = issues.filter((i, n) => issues.findIndex((o) => o.path === i.path && o.message === i.message) === n);
  const text = unique.map((i) => `${i.path}: ${i.message}`).join('; ');
  throw new AppError(
    'validation_failed',
    `Invalid input for approvals.decide: the edited output does not fit step ${approval.stepId} (${tool.name}): ${text}`,
    { call: 'approvals.decide', issues: unique },
  );
}

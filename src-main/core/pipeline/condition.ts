// A step's `if`: a JMESPath expression over the run context { params, steps, run, task, now },
// true or false as JMESPath defines truth (empty string, list and object, false and null are false).
// A skipped step is recorded as a completed checkpoint marked skipped, so a resumed run skips it again.
import * as jmespath from 'jmespath';
import { isStackOverflow, tooDeepAt } from '../lib/nesting';
import { errorText } from '../lib/errors';
import type { Checkpoint } from '../db/repos/checkpoints-repo';
import { checkpointAt, type StepPosition } from './checkpoints';
import type { Store } from '../store';
import { hashJson } from './hash';
import { templateRoots, type TemplateScope } from './template';

interface AstNode {
  type: string;
  name?: string;
  value?: unknown;
  children?: AstNode[];
}

// The package's typings declare only search(); compile() is exported too and gives the syntax tree.
const compile = (jmespath as unknown as { compile(expression: string): AstNode }).compile;

const marker = Symbol.for('ridgeline.ConditionError');

export class ConditionError extends Error {
  readonly [marker] = true;
  override readonly name = 'ConditionError';

  static isInstance(value: unknown): value is ConditionError {
    return typeof value === 'object' && value !== null && marker in value;
  }
}

/** JMESPath truth: false, null, "", [] and {} are false; everything else is true. */
export function isTruthy(value: unknown): boolean {
  if (value === null || value === undefined || value === false || value === '') return false;
  if (Array.isArray(value)) return value.length > 0;
  if (typeof value === 'object') return Object.keys(value).length > 0;
  return true;
}

/** How deeply an `if` may nest; jmespath parses and evaluates recursively, so more would overflow the stack. */
export const MAX_CONDITION_DEPTH = 100;
const TOO_DEEP = `is nested more than ${MAX_CONDITION_DEPTH} levels deep`;

function conditionErrorText(error: unknown): string {
  return isStackOverflow(error) ? TOO_DEEP : errorText(error);
}

/** The syntax tree of an expression, refused when it nests too deeply to walk or evaluate. */
function compileBounded(expression: string): AstNode {
  let ast: AstNode;
  try {
    ast = compile(expression);
  } catch (error) {
    if (isStackOverflow(error)) throw new ConditionError(TOO_DEEP);
    throw error;
  }
  // Each level of the tree is a node and its children array.
  if (tooDeepAt(ast, 2 * MAX_CONDITION_DEPTH)) throw new ConditionError(TOO_DEEP);
  return ast;
}

/** Evaluates `expression` over the run context; a JMESPath error (syntax, types) is a ConditionError. */
export function evaluateCondition(expression: string, scope: TemplateScope): boolean {
  try {
    compileBounded(expression);
    return isTruthy(jmespath.search(scope, expression));
  } catch (error) {
    throw new ConditionError(`if ${expression}: ${conditionErrorText(error)}`);
  }
}

export interface ConditionNames {
  params: ReadonlySet<string>;
  /** Names (save_as or id) of the steps that run before this one. */
  stepsBefore: ReadonlySet<string>;
  /** Names of every step of the pipeline. */
  allSteps: ReadonlySet<string>;
}

/** What is wrong with an `if` expression, checked on write: its syntax and the names it reads. */
export function conditionProblems(expression: string, names: ConditionNames): string[] {
  let ast: AstNode;
  try {
    ast = compileBounded(expression);
  } catch (error) {
    if (ConditionError.isInstance(error)) return [error.message];
    return [`is not a valid JMESPath expression: ${conditionErrorText(error)}`];
  }
  const problems: string[] = [];
  for (const chain of rootChains(ast)) {
    const [root, name] = chain;
    if (root === 'null' || root === 'true' || root === 'false') {
      problems.push(`${root} is read as a field name; write the literal in backticks: \`${root}\``);
    } else if (!(templateRoots as readonly string[]).includes(root!)) {
      problems.push(`"${root}" is not in the run context (${templateRoots.join(', ')})`);
    } else if (root === 'params' && name !== undefined && !names.params.has(name)) {
      problems.push(`params.${name} refers to param "${name}", which the pipeline does not declare`);
    } else if (root === 'steps' && name !== undefined && !names.stepsBefore.has(name)) {
      problems.push(
        names.allSteps.has(name)
          ? `steps.${name} refers to step "${name}", which does not run before this step`
          : `steps.${name} refers to step "${name}", which does not exist`,
      );
    }
  }
  return problems;
}

/** The names of the steps whose output an expression reads (`steps.draft...` -> "draft"). */
export function stepsReadBy(expression: string): string[] {
  let ast: AstNode;
  try {
    ast = compileBounded(expression);
  } catch {
    return [];
  }
  return rootChains(ast).flatMap(([root, name]) => (root === 'steps' && name !== undefined ? [name] : []));
}

/** The field chains an expression reads from the run context itself (not from inside projections). */
function rootChains(node: AstNode): string[][] {
  const chain = fieldChain(node);
  if (chain) return [chain];
  const children = node.children ?? [];
  switch (node.type) {
    // The right side of these is evaluated against each projected element, not the run context.
    case 'Projection':
    case 'ValueProjection':
    case 'FilterProjection':
    case 'Pipe':
      return children[0] ? rootChains(children[0]) : [];
    case 'ExpressionReference':
      return [];
    default:
      return children.flatMap(rootChains);
  }
}

function fieldChain(node: AstNode): string[] | null {
  if (node.type === 'Field' && node.name !== undefined) return [node.name];
  if (node.type !== 'Subexpression' || !node.children) return null;
  const [left, right] = node.children;
  const head = left ? fieldChain(left) : null;
  if (!head) return null;
  return right?.type === 'Field' && right.name !== undefined ? [...head, right.name] : head;
}

export interface SkippedSnapshot {
  skipped: true;
  condition: string;
  input: null;
  attempt: 0;
  output: null;
}

/** Records a step whose `if` was false: a completed checkpoint with { skipped: true } and no output. */
export function recordSkippedStep(
  store: Store,
  skip: {
    at: StepPosition;
    condition: string;
    now: number;
    /** A write that goes in the same transaction, first: the previous step's completion. */
    before?: (() => void) | undefined;
  },
): Promise<void> {
  const { at, condition, now, before } = skip;
  const snapshot: SkippedSnapshot = { skipped: true, condition, input: null, attempt: 0, output: null };
  return store.writeSoon(() => {
    before?.();
    const created = store.checkpoints.create(
      {
        ...checkpointAt(at),
        stateSnapshot: snapshot,
        inputsHash: hashJson({ skipped: condition }),
      },
      now,
    );
    return store.checkpoints.complete(created.id, hashJson(null), snapshot, now);
  });
}

/** True when an earlier execution of this run skipped this step: it stays skipped on resume. */
export function wasSkipped(checkpoints: readonly Checkpoint[], stepIndex: number, stepId: string): boolean {
  return checkpoints.some(
    (c) =>
      c.stepIndex === stepIndex &&
      c.stepName === stepId &&
      c.status === 'complete' &&
      (c.stateSnapshot as Partial<SkippedSnapshot> | null)?.skipped === true,
  );
}

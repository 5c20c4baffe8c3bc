// One interface for every step a pipeline can run: input and output schemas checked on both
// sides, and an execute() that gets an AbortSignal, a logger for the run log, and the clock.
import type { z } from 'zod';
import type { Clock } from '../lib/clock';

export type ToolLogStream = 'stdout' | 'stderr' | 'system';

export interface ToolLogLine {
  stream: ToolLogStream;
  level?: 'debug' | 'info' | 'warn' | 'error';
  message: string;
}

export interface ToolContext {
  /** Aborted on cancellation and on the step's or run's timeout; tools stop promptly when it fires. */
  signal: AbortSignal;
  /** Appends a line to the run's log (streamed live to the board). */
  log: (line: ToolLogLine) => void;
  clock: Clock;
  runId: string;
  taskId: string;
  stepId: string;
}

export interface Tool<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  name: string;
  description: string;
  input: I;
  output: O;
  execute(input: z.output<I>, context: ToolContext): Promise<z.output<O>>;
}

/** Identity helper: exists so that a tool's execute() is typed from its schemas. */
export function defineTool<I extends z.ZodType, O extends z.ZodType>(tool: Tool<I, O>): Tool<I, O> {
  return tool;
}

/**
 * How a failure should be treated: retryable ones (network, timeouts, rate limits, server
 * errors, a failed command by default) may be tried again; permanent ones fail the run at once.
 */
export type FailureKind = 'retryable' | 'permanent' | 'timeout' | 'cancelled';

const marker = Symbol.for('ridgeline.ToolError');

export class ToolError extends Error {
  readonly [marker] = true;
  override readonly name = 'ToolError';

  constructor(
    readonly kind: FailureKind,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
  }

  static isInstance(value: unknown): value is ToolError {
    return typeof value === 'object' && value !== null && marker in value;
  }
}

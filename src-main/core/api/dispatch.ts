// The boundary every transport goes through: look the call up by name, validate its input,
// run its handler, and turn any failure into { code, message, details }.
import { AppError, validationError } from '../lib/errors';
import type { Logger } from '../lib/logger';
import { describeNestingPath, nestingMessage, tooDeepAt } from '../lib/nesting';
import { calls, isCallName, type CallName, type CallOutput } from './contract';
import type { Handlers } from './handlers';

/** Input nested deeper than any call needs would overflow the stack of the checks that follow. */
function refuseDeepInput(call: string, input: unknown): void {
  const at = tooDeepAt(input);
  if (!at) return;
  const path = describeNestingPath(at);
  const message = nestingMessage();
  throw new AppError('validation_failed', `Invalid input for ${call}: ${path}: ${message}`, {
    call,
    issues: [{ path, message }],
  });
}

export interface Dispatcher {
  invoke(name: string, input: unknown): Promise<unknown>;
}

export function createDispatcher(handlers: () => Handlers, logger: Logger): Dispatcher {
  return {
    async invoke(name, rawInput) {
      if (!isCallName(name)) {
        throw new AppError('unknown_call', `There is no API call named "${name}".`, { call: name });
      }
      refuseDeepInput(name, rawInput);
      const parsed = calls[name].input.safeParse(rawInput ?? {});
      if (!parsed.success) throw validationError(name, parsed.error);
      try {
        const handler = handlers()[name] as (input: unknown) => Promise<CallOutput<CallName>>;
        return await handler(parsed.data);
      } catch (error) {
        if (AppError.isInstance(error)) throw error;
        logger.error('API call failed', { call: name, error: error instanceof Error ? error.stack : String(error) });
        throw error;
      }
    },
  };
}

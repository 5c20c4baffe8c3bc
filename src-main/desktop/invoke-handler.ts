// The IPC invoke handler without Electron: checks the sender, calls the runtime and turns every
// outcome into an InvokeResult, because Electron would flatten a thrown error to a bare message.
import type { InvokeResult } from '../core/api/transport';
import { AppError, toErrorPayload } from '../core/lib/errors';
import type { Logger } from '../core/lib/logger';
import type { RuntimeApi } from '../core/runtime';
import { isTrustedSender, type SenderFacts } from './security';

export type InvokeHandler = (sender: SenderFacts, name: unknown, input: unknown) => Promise<InvokeResult>;

export function createInvokeHandler(options: {
  invoke: RuntimeApi['invoke'];
  appOrigin: string;
  logger: Logger;
}): InvokeHandler {
  return async (sender, name, input) => {
    if (!isTrustedSender(sender, options.appOrigin)) {
      options.logger.warn('Refused an IPC call from a sender that is not the board', {
        call: typeof name === 'string' ? name : undefined,
        frameUrl: sender.frameUrl,
      });
      return {
        ok: false,
        error: {
          code: 'forbidden',
          message: 'Only the Ridgeline board may call the Ridgeline API over IPC.',
          details: {},
        },
      };
    }
    try {
      if (typeof name !== 'string') {
        throw new AppError('validation_failed', `The call name must be a string, got ${typeof name}.`, {});
      }
      return { ok: true, value: await options.invoke(name, input) };
    } catch (error) {
      return { ok: false, error: toErrorPayload(error) };
    }
  };
}

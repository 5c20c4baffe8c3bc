// Awaits a promise that must reject with an AppError, and returns the error for assertions.
import { AppError } from '../../src-main/core/lib/errors';

export async function appErrorOf(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!AppError.isInstance(error)) throw new Error(`expected an AppError, got ${String(error)}`);
  return error;
}

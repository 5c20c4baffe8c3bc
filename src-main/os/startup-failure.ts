// What a host prints when it cannot start: one paragraph saying what is wrong and what to do.
// The stack and the underlying error are for --verbose, never shown by default.
import { AppError } from '../core/lib/errors';

function stackOf(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause === undefined ? '' : `\nCaused by: ${stackOf(error.cause)}`;
  return `${error.stack ?? error.message}${cause}`;
}

export function startupFailureText(error: unknown, options: { verbose: boolean }): string {
  const known = AppError.isInstance(error);
  const raw = error instanceof Error ? error.message : String(error);
  // An unexpected error's first line is the message; what follows is a stack or a dump.
  const message = known ? raw : `${raw.split('\n')[0]}.`.replace(/\.\.$/, '.');
  const hint = options.verbose ? `\n\n${stackOf(error)}` : known ? '' : ' Start again with --verbose for details.';
  return `Ridgeline could not start: ${message}${hint}\n`;
}

export function startupExitCode(error: unknown): number {
  return AppError.isInstance(error) && error.code === 'data_dir_in_use' ? 2 : 1;
}

// Exit codes of the `ridgeline` command, and the error that carries one to the top.
export const exitCodes = {
  ok: 0,
  /** The host answered with an error (a conflict, a refused token, an internal failure). */
  callFailed: 1,
  /** A bad command, flag or value, or input the API refused as invalid. */
  usage: 2,
  /** No host serves the data directory, or it does not answer. */
  noHost: 3,
  /** The task, run or approval named does not exist. */
  notFound: 4,
} as const;

export type ExitCode = (typeof exitCodes)[keyof typeof exitCodes];

export class CliError extends Error {
  constructor(
    readonly exitCode: ExitCode,
    message: string,
  ) {
    super(message);
  }
}

export function usageError(command: string, message: string): CliError {
  return new CliError(exitCodes.usage, `${message}\nSee \`ridgeline${command ? ` ${command}` : ''} --help\`.`);
}

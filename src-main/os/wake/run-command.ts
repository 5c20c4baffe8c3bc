// Runs one wake command as a child process, never through a shell, and reports how it ended.
import { execFile } from 'node:child_process';
import type { OsCommand } from './wake-commands';

export interface CommandResult {
  /** The exit code; null when the program could not be started or was killed. */
  code: number | null;
  stdout: string;
  stderr: string;
  /** Set when the program is not installed (not found on PATH). */
  missing: boolean;
}

/** A wake command gets this long: pmset, rtcwake and sudo -n answer at once or not at all. */
const COMMAND_TIMEOUT_MS = 15_000;

export function runCommand(command: OsCommand, env: NodeJS.ProcessEnv): Promise<CommandResult> {
  return new Promise((resolve) => {
    execFile(
      command.file,
      command.args,
      { env, timeout: COMMAND_TIMEOUT_MS, windowsHide: true, encoding: 'utf8' },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : null) : 0;
        resolve({ code, stdout, stderr, missing: (error as NodeJS.ErrnoException | null)?.code === 'ENOENT' });
      },
    );
  });
}

/** The command as a person would type it, for error messages. */
export function commandText(command: OsCommand): string {
  return [command.file, ...command.args.map((a) => (/[\s"']/.test(a) ? JSON.stringify(a) : a))].join(' ');
}

/** Throws, naming the command and what it printed, unless it exited 0. */
export async function runOrThrow(command: OsCommand, env: NodeJS.ProcessEnv): Promise<void> {
  const result = await runCommand(command, env);
  if (result.code === 0) return;
  const said = (result.stderr || result.stdout).trim().split('\n')[0] ?? '';
  const how = result.missing
    ? 'is not installed'
    : result.code === null
      ? 'did not finish'
      : `exited with ${result.code}`;
  throw new Error(`${commandText(command)} ${how}${said ? `: ${said}` : ''}`);
}

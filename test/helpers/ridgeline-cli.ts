// Runs the built `ridgeline` command (out/cli/ridgeline.js) as a real child process.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

export const CLI_ENTRY = resolve(__dirname, '../../out/cli/ridgeline.js');

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** The environment a test runs the CLI in: nothing inherited that would point it at another data directory or colour. */
function cleanEnv(extra: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env.RIDGELINE_DATA_DIR;
  delete env.NO_COLOR;
  return { ...env, ...extra };
}

export function runCli(args: string[], options: { env?: NodeJS.ProcessEnv; stdin?: string } = {}): Promise<CliResult> {
  if (!existsSync(CLI_ENTRY)) throw new Error(`${CLI_ENTRY} is missing: run \`npm run build\` first.`);
  return new Promise((done) => {
    const child = execFile(
      process.execPath,
      [CLI_ENTRY, ...args],
      { env: cleanEnv(options.env ?? {}), timeout: 30_000 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
        done({ code, stdout, stderr });
      },
    );
    child.stdin?.end(options.stdin ?? '');
  });
}

/**
 * Runs the CLI with its stdout on a real pseudo-terminal, through util-linux `script`, so the
 * terminal-only behaviour (colour) can be checked. Returns what the terminal showed.
 */
export function runCliInTerminal(args: string[], env: NodeJS.ProcessEnv = {}): Promise<CliResult> {
  const quoted = [process.execPath, CLI_ENTRY, ...args].map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');
  return new Promise((done) => {
    execFile(
      'script',
      ['-q', '-e', '-c', quoted, '/dev/null'],
      { env: cleanEnv(env), timeout: 30_000 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
        done({ code, stdout, stderr });
      },
    );
  });
}

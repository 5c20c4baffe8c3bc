// `ridgeline serve`: runs the headless host (out/main/headless.js, built beside this file's folder)
// in this terminal, with the same flags, and exits as it exits.
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { intFlag, noArgs, parseFlags } from './args';
import { commandHelp, dataDirOf, type Command, type Io } from './command';
import { CliError, exitCodes } from './errors';
import { readHostFile } from '../../os/host-file';
import { hostArgs } from '../../os/host-command';

const HEADLESS_ENTRY = resolve(__dirname, '../main/headless.js');

export const serveCommand: Omit<Command, 'run'> = {
  name: 'serve',
  summary: 'Runs Ridgeline without a desktop: the scheduler, the API and the board on 127.0.0.1.',
  help: `[--port N] [--data-dir DIR]

  --port N  port on 127.0.0.1 (default 7788, or RIDGELINE_PORT; 0 picks a free one)`,
  flags: { port: { type: 'string' } },
};

export function runServe(argv: string[], io: Io): Promise<number> {
  const args = parseFlags(serveCommand.name, argv, serveCommand.flags);
  if (args.values.help) {
    io.stdout.write(commandHelp(serveCommand));
    return Promise.resolve(exitCodes.ok);
  }
  noArgs(serveCommand.name, args);
  const port = intFlag(serveCommand.name, args.values, 'port');
  const dataDir = dataDirOf(args, io.env);
  const running = readHostFile(dataDir);
  if (running) {
    throw new CliError(
      exitCodes.callFailed,
      `Ridgeline is already running for ${dataDir} at ${running.url} (process ${running.pid}).`,
    );
  }
  const child = spawn(process.execPath, hostArgs({ headlessEntry: HEADLESS_ENTRY, dataDir, port }), {
    stdio: 'inherit',
    env: io.env,
  });
  // Ctrl-C reaches both processes; forwarding SIGTERM lets the host stop cleanly when only we get it.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      if (child.exitCode === null) child.kill(signal);
    });
  }
  return new Promise((done, fail) => {
    child.once('error', (error) =>
      fail(new CliError(exitCodes.callFailed, `Could not start ${HEADLESS_ENTRY}: ${error.message}`)),
    );
    child.once('exit', (code) => done(code ?? exitCodes.callFailed));
  });
}

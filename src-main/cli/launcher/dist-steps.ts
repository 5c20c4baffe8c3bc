// `npm run dist` in steps: electron-builder rebuilds better-sqlite3 and keytar for Electron's ABI in
// this project's node_modules, where `npm test` and `npm run serve` need the Node build. The restore
// step runs whatever happened to the build, so a failed or interrupted packaging never leaves them
// on Electron's ABI.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

export interface DistStep {
  label: string;
  command: string;
  args: string[];
}

/** The native modules electron-builder rebuilds for Electron, rebuilt for Node afterwards. */
export const NATIVE_MODULES = ['better-sqlite3', 'keytar'];

export function distSteps(root: string, builderArgs: string[], npm = 'npm'): { build: DistStep; restore: DistStep } {
  return {
    build: {
      label: 'electron-builder',
      command: process.execPath,
      args: [
        join(root, 'node_modules', 'electron-builder', 'cli.js'),
        '--config',
        'electron-builder.yml',
        ...builderArgs,
      ],
    },
    restore: { label: 'restore the Node build of native modules', command: npm, args: ['rebuild', ...NATIVE_MODULES] },
  };
}

export type RunStep = (step: DistStep) => number;

export const runInTerminal =
  (cwd: string): RunStep =>
  (step) => {
    const result = spawnSync(step.command, step.args, {
      cwd,
      stdio: 'inherit',
      // npm is npm.cmd on Windows, which only runs through a shell.
      shell: process.platform === 'win32' && step.command === 'npm',
    });
    return result.status ?? 1;
  };

/** Runs the build, then always the restore; the exit code is the first failure's. */
export function buildThenRestore(steps: { build: DistStep; restore: DistStep }, run: RunStep): number {
  let built = 1;
  try {
    built = run(steps.build);
  } finally {
    const restored = run(steps.restore);
    if (restored !== 0) {
      process.stderr.write(
        `Could not restore the Node build of ${NATIVE_MODULES.join(' and ')} (exit ${restored}): run ` +
          `npm rebuild ${NATIVE_MODULES.join(' ')} before npm test.\n`,
      );
      if (built === 0) built = restored;
    }
  }
  return built;
}

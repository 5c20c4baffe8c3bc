// Finds the Electron binary the way the electron package does (path.txt, written by its install
// script once the download succeeded), without loading that package, which throws when it is missing.
// Since Electron 42 npm install no longer downloads it: the launcher fetches it on first use.
// Runs under plain Node: used by the `npm start` launcher and the desktop end-to-end tests.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

export type ElectronBinary =
  { available: true; executable: string; version: string } | { available: false; version: string; reason: string };

/** The directory of the electron package installed for the project at `root`. */
export function electronPackageDir(root: string): string {
  return dirname(createRequire(join(root, 'package.json')).resolve('electron/package.json'));
}

export function findElectronBinary(packageDir: string, env: NodeJS.ProcessEnv = process.env): ElectronBinary {
  const version = (JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')) as { version: string }).version;
  const pathFile = join(packageDir, 'path.txt');
  const relativeExecutable = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : undefined;
  // Same override as electron/index.js: a binary unpacked elsewhere, e.g. by a distribution.
  const overrideDir = env.ELECTRON_OVERRIDE_DIST_PATH;
  if (!relativeExecutable && !overrideDir) {
    return { available: false, version, reason: `${pathFile} does not exist: the binary was never downloaded` };
  }
  const executable = overrideDir
    ? join(overrideDir, relativeExecutable ?? 'electron')
    : join(packageDir, 'dist', relativeExecutable!);
  if (!existsSync(executable)) {
    return { available: false, version, reason: `${executable} does not exist: the download did not complete` };
  }
  return { available: true, executable, version };
}

/**
 * Downloads the binary with the electron package's own install script, unless the user said not
 * to. Returns whether the script succeeded; its progress and errors go to the terminal.
 */
export function fetchElectronBinary(packageDir: string, env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.ELECTRON_SKIP_BINARY_DOWNLOAD) return false;
  process.stderr.write('Downloading the Electron binary (once)...\n');
  const result = spawnSync(process.execPath, [join(packageDir, 'install.js')], { stdio: 'inherit', env });
  return result.status === 0;
}

/** What `npm start` (or `npm run dev`, named by `command`) prints when there is no Electron binary. */
export function missingElectronMessage(
  binary: Extract<ElectronBinary, { available: false }>,
  command = 'npm start',
): string {
  return [
    `Ridgeline's desktop app cannot start: the Electron ${binary.version} binary is not installed`,
    `(${binary.reason}).`,
    '',
    'ELECTRON_SKIP_BINARY_DOWNLOAD=1 is set, or the download from the host Electron is fetched from',
    '(github.com, or ELECTRON_MIRROR if set) failed.',
    '',
    'To get the binary, on a machine that can reach that host, run:',
    '    node node_modules/electron/install.js',
    `(without ELECTRON_SKIP_BINARY_DOWNLOAD set). Then run ${command} again.`,
    '',
    'Meanwhile, `npm run serve` runs Ridgeline headless and serves the board to your browser.',
    '',
  ].join('\n');
}

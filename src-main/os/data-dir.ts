// Where Ridgeline keeps its data: Electron's userData path for an app named Ridgeline, so the
// desktop app and the headless host share one directory; --data-dir or RIDGELINE_DATA_DIR override it.
import { homedir } from 'node:os';
import { join, resolve, win32, posix } from 'node:path';

export const APP_NAME = 'Ridgeline';

export function defaultDataDir(
  platform: NodeJS.Platform = process.platform,
  env: NodeJS.ProcessEnv = process.env,
  home: string = homedir(),
): string {
  switch (platform) {
    case 'darwin':
      return posix.join(home, 'Library', 'Application Support', APP_NAME);
    case 'win32':
      return win32.join(env.APPDATA ?? win32.join(home, 'AppData', 'Roaming'), APP_NAME);
    default:
      return posix.join(env.XDG_CONFIG_HOME || posix.join(home, '.config'), APP_NAME);
  }
}

/** Reads `--data-dir <dir>` or `--data-dir=<dir>` from argv, then RIDGELINE_DATA_DIR, then the default. */
export function resolveDataDir(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): string {
  const fromArgs = readFlag(argv, '--data-dir');
  const chosen = fromArgs ?? env.RIDGELINE_DATA_DIR;
  return chosen ? resolve(chosen) : defaultDataDir(process.platform, env);
}

export function readFlag(argv: readonly string[], flag: string): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === flag) return argv[i + 1];
    if (arg.startsWith(`${flag}=`)) return arg.slice(flag.length + 1);
  }
  return undefined;
}

export function logDir(dataDir: string): string {
  return join(dataDir, 'logs');
}

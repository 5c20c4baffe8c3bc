// Where a program would be found on PATH, as a step's child process would look for it: the first
// executable file of that name in the PATH's folders (with PATHEXT's endings on Windows).
import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, isAbsolute, join } from 'node:path';

export interface PathEnv {
  PATH?: string | undefined;
  PATHEXT?: string | undefined;
}

function isExecutableFile(path: string): boolean {
  try {
    if (!statSync(path).isFile()) return false;
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The full path of `program`, or undefined when no folder of PATH holds it (or it is not executable). */
export function findOnPath(
  program: string,
  env: PathEnv,
  platform: NodeJS.Platform = process.platform,
): string | undefined {
  const endings = platform === 'win32' ? ['', ...(env.PATHEXT ?? '.EXE;.CMD;.BAT').split(';')] : [''];
  if (isAbsolute(program)) return endings.map((e) => program + e).find(isExecutableFile);
  for (const folder of (env.PATH ?? '').split(delimiter)) {
    if (!folder) continue;
    const found = endings.map((e) => join(folder, program + e)).find(isExecutableFile);
    if (found) return found;
  }
  return undefined;
}

// Whether a project's work directory can be used: it must be an absolute path to an existing
// directory that is a git repository (git and coding-agent steps run there and branch in it).
import { statSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';

export interface WorkDirCheck {
  path: string;
  ok: boolean;
  exists: boolean;
  isGitRepo: boolean;
  /** Why the directory cannot be used, written for people; null when it can. */
  problem: string | null;
}

function kindOf(path: string): 'dir' | 'file' | 'missing' {
  try {
    return statSync(path).isDirectory() ? 'dir' : 'file';
  } catch {
    return 'missing';
  }
}

export function checkWorkDir(path: string): WorkDirCheck {
  const result = (exists: boolean, isGitRepo: boolean, problem: string | null): WorkDirCheck => ({
    path,
    ok: problem === null,
    exists,
    isGitRepo,
    problem,
  });
  if (!isAbsolute(path)) return result(false, false, `must be an absolute path, such as /home/me/code/app`);
  const kind = kindOf(path);
  if (kind === 'missing') return result(false, false, `does not exist: no folder at ${path}`);
  if (kind === 'file') return result(false, false, `is a file, not a folder: ${path}`);
  // A clone has a .git folder; a linked worktree or a submodule has a .git file pointing elsewhere.
  if (kindOf(join(path, '.git')) === 'missing') {
    return result(true, false, `is not a git repository (no .git in ${path}); run git init or git clone there first`);
  }
  return result(true, true, null);
}

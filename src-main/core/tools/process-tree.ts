// Stops a command together with everything it started: on POSIX the command leads its own process
// group and the whole group is signalled; on Windows taskkill walks the process tree.
import { spawn } from 'node:child_process';
import { readFile, readdir } from 'node:fs/promises';
import type { Clock } from '../lib/clock';

/** How long a process group gets to exit after SIGTERM before it is sent SIGKILL. */
export const KILL_GRACE_MS = 2_000;
const POLL_MS = 50;

export interface StopOptions {
  clock: Clock;
  graceMs?: number;
  platform?: NodeJS.Platform;
}

/**
 * Sends SIGTERM to the process group led by `pid`, waits until no live member is left, and sends
 * SIGKILL to whatever is still running after the grace period. Resolves once the group is gone
 * (or SIGKILL has been sent). Safe to call when the group has already exited.
 */
export async function stopProcessGroup(pid: number, options: StopOptions): Promise<void> {
  const platform = options.platform ?? process.platform;
  if (platform === 'win32') return taskkillTree(pid);
  if (!signalGroup(pid, 'SIGTERM')) return;
  const deadline = options.clock.now() + (options.graceMs ?? KILL_GRACE_MS);
  while (await groupHasLiveMembers(pid, platform)) {
    if (options.clock.now() >= deadline) {
      signalGroup(pid, 'SIGKILL');
      return;
    }
    await sleep(options.clock, POLL_MS);
  }
}

/** Returns false when the group no longer exists (ESRCH). */
function signalGroup(pgid: number, signal: NodeJS.Signals | 0): boolean {
  try {
    process.kill(-pgid, signal);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ESRCH') return false;
    throw error;
  }
}

/**
 * kill(-pgid, 0) also counts zombies, and an orphaned grandchild stays a zombie for as long as
 * PID 1 does not reap it (common in containers). On Linux /proc tells zombies apart, so a group
 * that has really exited is not made to wait out the whole grace period.
 */
async function groupHasLiveMembers(pgid: number, platform: NodeJS.Platform): Promise<boolean> {
  if (platform === 'linux') {
    const live = await linuxLiveMembers(pgid);
    if (live !== undefined) return live;
  }
  return signalGroup(pgid, 0);
}

async function linuxLiveMembers(pgid: number): Promise<boolean | undefined> {
  let entries: string[];
  try {
    entries = await readdir('/proc');
  } catch {
    return undefined;
  }
  const states = await Promise.all(
    entries.filter((name) => /^\d+$/.test(name)).map((name) => readFile(`/proc/${name}/stat`, 'utf8').catch(() => '')),
  );
  return states.some((stat) => {
    // The command name may contain spaces and parentheses; the fixed fields follow the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const [state, , group] = fields;
    return Number(group) === pgid && state !== 'Z' && state !== 'X';
  });
}

function taskkillTree(pid: number): Promise<void> {
  return new Promise((resolve) => {
    const killer = spawn('taskkill', ['/pid', String(pid), '/T', '/F'], { stdio: 'ignore', windowsHide: true });
    // taskkill fails when the tree has already exited; either way there is nothing left to stop.
    killer.once('error', () => resolve());
    killer.once('exit', () => resolve());
  });
}

function sleep(clock: Clock, ms: number): Promise<void> {
  return new Promise((resolve) => clock.setTimer(resolve, ms));
}

// Tells a process from a later one that was given the same pid: a process is identified by its pid
// and its start time as the OS reports it, read once when a step starts it and again at recovery.
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';

export interface GroupMember {
  pid: number;
  /** The member's start time, in the same form as processStartTime(); undefined when unreadable. */
  started: string | undefined;
}

/**
 * The start time of a live (not zombie) process, or undefined when there is no such process or the
 * platform cannot say. Linux: field 22 of /proc/<pid>/stat (clock ticks since boot) with the boot
 * id, since tick counts start again at every boot. macOS: `ps -o lstart=`, to the second.
 */
export function processStartTime(pid: number, platform: NodeJS.Platform = process.platform): string | undefined {
  if (platform === 'linux') {
    const stat = linuxStat(pid);
    return stat && !stat.zombie ? linuxStarted(stat.startTicks) : undefined;
  }
  if (platform === 'darwin') {
    try {
      const lstart = execFileSync('ps', ['-o', 'lstart=', '-p', String(pid)], { encoding: 'utf8' }).trim();
      return lstart === '' ? undefined : `darwin:${lstart}`;
    } catch {
      return undefined; // ps exits 1 when there is no such process
    }
  }
  return undefined;
}

/**
 * The live members of the process group `pgid` (Linux: from /proc; macOS: from ps, without start
 * times). Empty on other platforms.
 */
export function groupMembers(pgid: number, platform: NodeJS.Platform = process.platform): GroupMember[] {
  if (platform === 'linux') {
    let entries: string[];
    try {
      entries = readdirSync('/proc');
    } catch {
      return [];
    }
    return entries
      .filter((name) => /^\d+$/.test(name))
      .map((name) => ({ pid: Number(name), stat: linuxStat(Number(name)) }))
      .filter(({ stat }) => stat !== undefined && !stat.zombie && stat.pgid === pgid)
      .map(({ pid, stat }) => ({ pid, started: linuxStarted(stat!.startTicks) }));
  }
  if (platform === 'darwin') {
    try {
      return execFileSync('ps', ['-A', '-o', 'pid=,pgid=,stat='], { encoding: 'utf8' })
        .split('\n')
        .map((line) => line.trim().split(/\s+/))
        .filter(([, group, state]) => Number(group) === pgid && !state?.startsWith('Z'))
        .map(([pid]) => ({ pid: Number(pid), started: undefined }));
    } catch {
      return [];
    }
  }
  return [];
}

/** Orders two Linux start times of the same boot; undefined when they cannot be compared. */
export function startedNoEarlier(started: string, than: string): boolean | undefined {
  const a = /^linux:([^:]+):(\d+)$/.exec(started);
  const b = /^linux:([^:]+):(\d+)$/.exec(than);
  if (!a || !b || a[1] !== b[1]) return undefined;
  return BigInt(a[2]!) >= BigInt(b[2]!);
}

interface LinuxStat {
  zombie: boolean;
  pgid: number;
  startTicks: string;
}

function linuxStat(pid: number): LinuxStat | undefined {
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return undefined;
  }
  // The command name may contain spaces and parentheses; field 3 (state) follows the last ')'.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const state = fields[0] ?? '';
  // Field n of proc(5) is fields[n - 3]: 5 is the process group, 22 the start time.
  return { zombie: state === 'Z' || state === 'X', pgid: Number(fields[2]), startTicks: fields[19] ?? '' };
}

let bootId: string | undefined;

function linuxStarted(ticks: string): string {
  bootId ??= readBootId();
  return `linux:${bootId}:${ticks}`;
}

function readBootId(): string {
  try {
    return readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim();
  } catch {
    return 'unknown-boot';
  }
}

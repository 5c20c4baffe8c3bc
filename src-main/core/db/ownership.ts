// Exactly one runtime owns a data directory. Ownership is a row in the database, taken in the
// same IMMEDIATE transaction that migrates, and kept alive by a heartbeat; a holder that died
// (its process is gone, or its heartbeat stopped) is replaced by the next start.
import type { Database } from 'better-sqlite3';
import { hostname } from 'node:os';
import { AppError } from '../lib/errors';
import type { HostKind } from '../model/types';
import { formatDateTime } from '../lib/time-format';
import { newId } from '../lib/ids';
import { statement } from './statements';

/** The scheduler wakes at least this often and renews the lease each time. */
export const HEARTBEAT_INTERVAL_MS = 30_000;
/** A holder whose heartbeat is older than this is taken to be dead even if its pid is reused. */
export const STALE_AFTER_MS = 90_000;

export interface Owner {
  instanceId: string;
  pid: number;
  hostname: string;
  hostKind: string;
  startedAt: number;
  heartbeatAt: number;
}

export interface OwnerIdentity {
  /** One per runtime object, so two runtimes in one process are told apart too. */
  instanceId: string;
  pid: number;
  hostname: string;
  hostKind: HostKind;
}

export function currentIdentity(hostKind: HostKind): OwnerIdentity {
  return { instanceId: newId(), pid: process.pid, hostname: hostname(), hostKind };
}

function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export function readOwner(db: Database): Owner | undefined {
  const row = db
    .prepare('SELECT instance_id, pid, hostname, host_kind, started_at, heartbeat_at FROM runtime_owner WHERE id = 1')
    .get() as
    | {
        instance_id: string;
        pid: number;
        hostname: string;
        host_kind: string;
        started_at: number;
        heartbeat_at: number;
      }
    | undefined;
  return (
    row && {
      instanceId: row.instance_id,
      pid: row.pid,
      hostname: row.hostname,
      hostKind: row.host_kind,
      startedAt: row.started_at,
      heartbeatAt: row.heartbeat_at,
    }
  );
}

export function ownerIsLive(owner: Owner, now: number): boolean {
  if (now - owner.heartbeatAt > STALE_AFTER_MS) return false;
  if (owner.hostname === hostname()) return processIsAlive(owner.pid);
  return true;
}

/** The refusal a start meets when `holder`, alive, owns the data directory. */
export function inUseError(holder: Owner, dataDir: string, displayTimezone: string): AppError {
  return new AppError(
    'data_dir_in_use',
    `The data directory ${dataDir} is in use by another Ridgeline (${holder.hostKind} host, process ${holder.pid} ` +
      `on ${holder.hostname}, running since ${formatDateTime(holder.startedAt, displayTimezone)}). ` +
      `Quit that one first, or start this one with another data directory (--data-dir or RIDGELINE_DATA_DIR).`,
    { dataDir, pid: holder.pid, hostname: holder.hostname, hostKind: holder.hostKind },
  );
}

/** Must run inside an IMMEDIATE transaction, after migrations created runtime_owner. */
export function claimOwnership(
  db: Database,
  me: OwnerIdentity,
  now: number,
  dataDir: string,
  displayTimezone: string,
): void {
  const holder = readOwner(db);
  if (holder && holder.instanceId !== me.instanceId && ownerIsLive(holder, now)) {
    throw inUseError(holder, dataDir, displayTimezone);
  }
  db.prepare(
    `INSERT INTO runtime_owner (id, instance_id, pid, hostname, host_kind, started_at, heartbeat_at)
     VALUES (1, @instanceId, @pid, @hostname, @hostKind, @now, @now)
     ON CONFLICT (id) DO UPDATE SET instance_id = @instanceId, pid = @pid, hostname = @hostname,
       host_kind = @hostKind, started_at = @now, heartbeat_at = @now`,
  ).run({ ...me, now });
}

/** Returns false when another process has taken the directory over (this one must stop). */
export function beat(db: Database, me: OwnerIdentity, now: number): boolean {
  // Every scheduler wake beats, a fire's included: prepared once, not on each.
  const result = statement(db, 'UPDATE runtime_owner SET heartbeat_at = ? WHERE id = 1 AND instance_id = ?').run(
    now,
    me.instanceId,
  );
  return result.changes === 1;
}

export function releaseOwnership(db: Database, me: OwnerIdentity): void {
  db.prepare('DELETE FROM runtime_owner WHERE id = 1 AND instance_id = ?').run(me.instanceId);
}

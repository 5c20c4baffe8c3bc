import Database from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DATABASE_FILE } from '../../../../src-main/core/db/open';
import { HEARTBEAT_INTERVAL_MS, STALE_AFTER_MS } from '../../../../src-main/core/db/ownership';
import { AppError } from '../../../../src-main/core/lib/errors';
import { makeTestRuntime } from '../../../helpers/test-runtime';
import { makeTempDir } from '../../../helpers/temp-dir';

async function startError(start: () => Promise<void>): Promise<AppError> {
  const error = await start().then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!AppError.isInstance(error)) throw new Error(`expected an AppError, got ${String(error)}`);
  return error;
}

describe('data directory ownership', () => {
  it('refuses a second runtime on the same directory and names the process that holds it', async () => {
    const dataDir = makeTempDir();
    const first = makeTestRuntime({ dataDir });
    await first.runtime.start();
    const second = makeTestRuntime({ dataDir });
    const error = await startError(() => second.runtime.start());
    expect(error.code).toBe('data_dir_in_use');
    expect(error.message).toContain(`process ${process.pid}`);
    expect(error.message).toContain(dataDir);
    expect(error.message).toMatch(/running since .* (MST|MDT)/);
    await first.runtime.stop();
  });

  it('lets the next runtime start once the holder stopped', async () => {
    const dataDir = makeTempDir();
    const first = makeTestRuntime({ dataDir });
    await first.runtime.start();
    await first.runtime.api.call('tasks.create', { title: 'kept' });
    await first.runtime.stop();
    const second = makeTestRuntime({ dataDir });
    await second.runtime.start();
    expect((await second.runtime.api.call('tasks.list', {})).items.map((t) => t.title)).toEqual(['kept']);
    await second.runtime.stop();
  });

  it('takes over from a holder whose process is gone', async () => {
    const dataDir = makeTempDir();
    const first = makeTestRuntime({ dataDir });
    await first.runtime.start();
    await first.runtime.stop();
    // A row left behind by a process that no longer exists (pid far above pid_max).
    const db = new Database(join(dataDir, DATABASE_FILE));
    db.prepare(
      `INSERT INTO runtime_owner (id, instance_id, pid, hostname, host_kind, started_at, heartbeat_at) VALUES (1, 'gone', 99999999, ?, 'headless', ?, ?)`,
    ).run((await import('node:os')).hostname(), first.clock.now(), first.clock.now());
    db.close();
    const next = makeTestRuntime({ dataDir, clock: first.clock });
    await next.runtime.start();
    await next.runtime.stop();
  });

  it('takes over from a holder whose heartbeat stopped, and the old runtime learns it lost the directory', async () => {
    const dataDir = makeTempDir();
    const first = makeTestRuntime({ dataDir });
    await first.runtime.start();
    const later = makeTestRuntime({ dataDir });
    later.clock.jumpTo(first.clock.now() + STALE_AFTER_MS + 1);
    await later.runtime.start();
    expect(first.logLines.some((l) => l.includes('took over'))).toBe(false);
    first.clock.advance(HEARTBEAT_INTERVAL_MS);
    expect(first.logLines.some((l) => l.includes('took over the data directory'))).toBe(true);
    await later.runtime.stop();
    await first.runtime.stop();
  });

  it('keeps the heartbeat fresh while running', async () => {
    const dataDir = makeTempDir();
    const t = makeTestRuntime({ dataDir });
    await t.runtime.start();
    t.clock.advance(60_000);
    const db = new Database(join(dataDir, DATABASE_FILE), { readonly: true });
    expect(db.prepare('SELECT heartbeat_at FROM runtime_owner').pluck().get()).toBeGreaterThanOrEqual(
      t.clock.now() - 5_000,
    );
    db.close();
    await t.runtime.stop();
  });
});

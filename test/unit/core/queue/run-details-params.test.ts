import Database from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../../../src-main/core/db/migrate';
import { createEventBus } from '../../../../src-main/core/events/bus';
import { Redactor } from '../../../../src-main/core/lib/redact';
import { runDetails } from '../../../../src-main/core/queue/status';
import { createStore } from '../../../../src-main/core/store';
import { makeTempDir } from '../../../helpers/temp-dir';

describe("a run's params in runs.get", () => {
  it('masks a secret that became known after the run was queued, and values under secret-looking names', () => {
    const db = new Database(join(makeTempDir(), 'store.db'));
    migrate(db);
    const redactor = new Redactor();
    const store = createStore(
      db,
      createEventBus((error) => {
        throw error;
      }),
      () => 1_000,
      redactor,
    );
    db.prepare(`INSERT INTO tasks (id, title, created_at, updated_at) VALUES ('t1', 'Nightly', 1, 1)`).run();
    store.runs.insert(
      {
        id: 'r1',
        taskId: 't1',
        trigger: 'manual',
        scheduledFor: 1,
        priority: 1,
        params: { repo: 'ridgeline', note: 'uses sk-live-0123456789', session_cookie: 'abc' },
      },
      1,
    );
    expect(runDetails(store, 'r1').params).toEqual({
      repo: 'ridgeline',
      note: 'uses sk-live-0123456789',
      session_cookie: '[redacted]',
    });
    redactor.addSecret('sk-live-0123456789');
    expect(runDetails(store, 'r1').params).toEqual({
      repo: 'ridgeline',
      note: 'uses [redacted]',
      session_cookie: '[redacted]',
    });
  });
});

import Database from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrate, schemaVersion } from '../../../../../src-main/core/db/migrate';
import { makeTempDir } from '../../../../helpers/temp-dir';
import { parseRetryPolicy } from '../../../../../src-main/core/model/retry-policy';
import { parseTaskPolicy } from '../../../../../src-main/core/notify/policy';

describe('migration 0012 (policies in the API shape)', () => {
  it('renames the stored snake_case keys, keeping every value and its JSON type', () => {
    const db = new Database(join(makeTempDir(), 'm.db'));
    migrate(db, 11);
    const insert = db.prepare(
      `INSERT INTO tasks (id, title, retry_policy, notification_policy, created_at, updated_at) VALUES (?, 'T', ?, ?, 1, 1)`,
    );
    insert.run(
      'full',
      '{"max_attempts":5,"base_delay_ms":500,"max_delay_ms":4000,"jitter":0.5,"recovery":"retry"}',
      '{"on_success":true,"on_failure":false,"on_halt":true,"on_approval":false,"on_budget_warning":true}',
    );
    insert.run('empty', '{}', '{}');
    insert.run('odd', '{"max_attempts":2,"later":{"a":[1,null]}}', '{"on_failure":"never"}');
    migrate(db, 12);
    expect(schemaVersion(db)).toBe(12);
    const rows = db.prepare(`SELECT id, retry_policy, notification_policy FROM tasks ORDER BY id`).all() as Array<{
      id: string;
      retry_policy: string;
      notification_policy: string;
    }>;
    const byId = Object.fromEntries(rows.map((r) => [r.id, r]));
    expect(JSON.parse(byId.full!.retry_policy)).toEqual({
      maxAttempts: 5,
      baseDelayMs: 500,
      maxDelayMs: 4000,
      jitter: 0.5,
      recovery: 'retry',
    });
    expect(JSON.parse(byId.full!.notification_policy)).toEqual({
      onSuccess: true,
      onFailure: false,
      onHalt: true,
      onApproval: false,
      onBudgetWarning: true,
    });
    expect(parseRetryPolicy(byId.full!.retry_policy)).toEqual({
      maxAttempts: 5,
      baseDelayMs: 500,
      maxDelayMs: 4000,
      jitter: 0.5,
      recovery: 'retry',
    });
    expect(parseTaskPolicy(byId.full!.notification_policy).policy).toEqual({
      onSuccess: true,
      onFailure: false,
      onHalt: true,
      onApproval: false,
      onBudgetWarning: true,
    });
    expect(byId.empty).toMatchObject({ retry_policy: '{}', notification_policy: '{}' });
    expect(JSON.parse(byId.odd!.retry_policy)).toEqual({ maxAttempts: 2, later: { a: [1, null] } });
    expect(JSON.parse(byId.odd!.notification_policy)).toEqual({ onFailure: 'never' });
    db.close();
  });
});

// The built headless host under libfaketime, its wall clock set back 2 h while it runs: an
// every-minute task keeps firing and the timeline says the clock was set back. libfaketime moves
// only the wall clock here (FAKETIME_DONT_FAKE_MONOTONIC), as setting a real system clock does.
import Database from 'better-sqlite3';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DATABASE_FILE } from '../../src-main/core/db/open';
import { startHeadlessHost, type HeadlessHost } from '../helpers/headless-host';
import { makeTempDir } from '../helpers/temp-dir';

const LIBFAKETIME = '/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1';
const TWO_HOURS_S = 7200;

const hosts: HeadlessHost[] = [];
afterEach(async () => {
  for (const host of hosts.splice(0)) await host.kill();
});

async function call<T>(host: HeadlessHost, name: string, input: unknown): Promise<T> {
  const res = await fetch(`${host.baseUrl}/api/${name}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${host.token}` },
    body: JSON.stringify(input),
  });
  if (!res.ok) throw new Error(`${name}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

function scheduledRuns(dataDir: string): number[] {
  const db = new Database(join(dataDir, DATABASE_FILE), { readonly: true });
  try {
    return db.prepare('SELECT scheduled_for FROM runs ORDER BY rowid').pluck().all() as number[];
  } finally {
    db.close();
  }
}

async function until<T>(
  what: string,
  timeoutMs: number,
  probe: () => Promise<T | undefined> | T | undefined,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = await probe();
    if (found !== undefined) return found;
    if (Date.now() > deadline) throw new Error(`${what} within ${timeoutMs / 1000} s`);
    await new Promise((done) => setTimeout(done, 250));
  }
}

describe('setting the clock back under libfaketime', () => {
  it('keeps an every-minute task firing and says the clock was set back', { timeout: 150_000 }, async () => {
    if (!existsSync(LIBFAKETIME)) throw new Error(`${LIBFAKETIME} is missing: install the libfaketime package`);
    const dataDir = makeTempDir();
    const offsetFile = join(dataDir, 'faketime-offset');
    // This test process keeps the real clock; the host's clock starts 8 s before a minute.
    const offsetS = Math.ceil(Date.now() / 60_000) * 60 - 8 - Date.now() / 1000;
    writeFileSync(offsetFile, `${offsetS >= 0 ? '+' : ''}${offsetS.toFixed(3)}\n`);
    const host = await startHeadlessHost({
      dataDir,
      env: {
        LD_PRELOAD: LIBFAKETIME,
        FAKETIME_TIMESTAMP_FILE: offsetFile,
        FAKETIME_NO_CACHE: '1',
        FAKETIME_DONT_FAKE_MONOTONIC: '1',
      },
    });
    hosts.push(host);
    await call(host, 'tasks.create', { title: 'Every minute', schedule: { kind: 'cron', expr: '* * * * *' } });

    const [first] = await until('a first run', 75_000, () => {
      const fired = scheduledRuns(dataDir);
      return fired.length > 0 ? fired : undefined;
    });
    writeFileSync(offsetFile, `${(offsetS - TWO_HOURS_S).toFixed(3)}\n`);

    const setBack = await until('a clock_set_back event', 45_000, async () => {
      const { items } = await call<{ items: { type: string; summary: string }[] }>(host, 'events.list', {});
      return items.find((e) => e.type === 'scheduler:clock_set_back');
    });
    expect(setBack.summary).toMatch(/^The clock was set back from \d{1,2}:\d\d [AP]M to \d{1,2}:\d\d [AP]M M[SD]T/);
    const fired = await until('a run after the set-back', 75_000, () => {
      const runs = scheduledRuns(dataDir);
      return runs.length > 1 ? runs : undefined;
    });
    // The next minute on the set-back clock: about 2 h before the first run, not 2 h of silence.
    expect(first! - fired[1]!).toBeGreaterThan(TWO_HOURS_S * 1000 - 120_000);
    expect(first! - fired[1]!).toBeLessThanOrEqual(TWO_HOURS_S * 1000);
    expect(new Set(fired).size).toBe(fired.length);
  });
});

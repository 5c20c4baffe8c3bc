// The occurrence ledger of the built headless host, stopped through three hourly occurrences: its
// wall clock is moved on 3.5 h under libfaketime while it is down (FAKETIME_DONT_FAKE_MONOTONIC, as
// in the clock set-back test), and at the next start each occurrence is recorded by its task's
// misfire policy; `ridgeline status` then says how many ran this month.
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { TaskOccurrences } from '../../src-main/core/api/contract';
import { startHeadlessHost, type HeadlessHost } from '../helpers/headless-host';
import { runCli } from '../helpers/ridgeline-cli';
import { makeTempDir } from '../helpers/temp-dir';

const LIBFAKETIME = '/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1';
const HOUR_S = 3600;

const hosts: HeadlessHost[] = [];
afterEach(async () => {
  for (const host of hosts.splice(0)) await host.kill();
});

/** libfaketime reads a relative offset only with its sign. */
function setOffset(file: string, seconds: number): void {
  writeFileSync(file, `${seconds >= 0 ? '+' : ''}${seconds.toFixed(3)}\n`);
}

async function call<T>(host: HeadlessHost, name: string, input: unknown): Promise<T> {
  const res = await fetch(`${host.baseUrl}/api/${name}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${host.token}` },
    body: JSON.stringify(input),
  });
  if (!res.ok) throw new Error(`${name}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

describe('the occurrence ledger across a stopped host', () => {
  it(
    'records every occurrence the host was down for, by each task misfire policy, and status counts them',
    { timeout: 150_000 },
    async () => {
      if (!existsSync(LIBFAKETIME)) throw new Error(`${LIBFAKETIME} is missing: install the libfaketime package`);
      const dataDir = makeTempDir();
      const offsetFile = join(dataDir, 'faketime-offset');
      const env = {
        LD_PRELOAD: LIBFAKETIME,
        FAKETIME_TIMESTAMP_FILE: offsetFile,
        FAKETIME_NO_CACHE: '1',
        FAKETIME_DONT_FAKE_MONOTONIC: '1',
      };
      // The host's clock starts 10 minutes past an hour, the next hour's occurrence 50 minutes away.
      const realNow = Date.now() / 1000;
      const start = Math.floor(realNow / HOUR_S) * HOUR_S + 600;
      setOffset(offsetFile, start - realNow);
      const first = await startHeadlessHost({ dataDir, env });
      hosts.push(first);
      const ids: Record<string, string> = {};
      for (const policy of ['skip', 'run_once', 'run_all']) {
        const task = await call<{ id: string }>(first, 'tasks.create', {
          title: `Hourly ${policy}`,
          misfirePolicy: policy,
          schedule: { kind: 'cron', expr: '0 * * * *', timezone: 'UTC' },
        });
        ids[policy] = task.id;
      }
      await first.stop();
      hosts.splice(0);

      // Down from :10 until 3.5 h later: the next three hourly occurrences pass while it is stopped.
      setOffset(offsetFile, start + 3.5 * HOUR_S - Date.now() / 1000);
      const second = await startHeadlessHost({ dataDir, env });
      hosts.push(second);
      const missed = [1, 2, 3].map((h) => new Date((start - 600 + h * HOUR_S) * 1000).toISOString());
      const ledger = async (policy: string): Promise<[string, string, string | null][]> => {
        const answer = await call<TaskOccurrences>(second, 'tasks.occurrences', { id: ids[policy] });
        return answer.items
          .map((o) => [o.occurrenceAt, o.outcome, o.cause] as [string, string, string | null])
          .reverse();
      };
      expect(await ledger('skip')).toEqual(missed.map((o) => [o, 'missed', 'not_running']));
      expect(await ledger('run_once')).toEqual([
        [missed[0], 'missed', 'not_running'],
        [missed[1], 'missed', 'not_running'],
        [missed[2], 'caught_up', 'not_running'],
      ]);
      expect(await ledger('run_all')).toEqual(missed.map((o) => [o, 'caught_up', 'not_running']));

      const status = await runCli(['status', '--data-dir', dataDir]);
      expect(status.code, status.stderr).toBe(0);
      expect(status.stdout).toContain('Hourly skip: 0 of 3 ran this month, 3 missed (Ridgeline not running)');
      expect(status.stdout).toContain('Hourly run_once: 1 of 3 ran this month, 2 missed (Ridgeline not running)');
      expect(status.stdout).toContain('Hourly run_all: 3 of 3 ran this month\n');
    },
  );
});

import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startHeadlessHost, type HeadlessHost } from '../helpers/headless-host';
import { runCli } from '../helpers/ridgeline-cli';
import { makeTempDir } from '../helpers/temp-dir';

// The built headless host as a real child process, setting its wakes in a file laid out as Linux's
// /sys/class/rtc/rtc0/wakealarm (RIDGELINE_WAKEALARM): this machine's real RTC is not ours to set.
let host: HeadlessHost | undefined;
afterAll(async () => host?.stop());

async function call<T>(name: string, body: unknown): Promise<T> {
  const response = await fetch(`${host!.baseUrl}/api/${name}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${host!.token}` },
    body: JSON.stringify(body),
  });
  const json = (await response.json()) as T;
  if (!response.ok) throw new Error(`${name} failed: ${JSON.stringify(json)}`);
  return json;
}

async function waitFor<T>(read: () => T | Promise<T>, done: (value: T) => boolean, what: string): Promise<T> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`${what} not reached in 30 s: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

interface Task {
  id: string;
  nextRunAt: string;
  wakeToRun: boolean;
}
interface WakeStatus {
  available: boolean;
  method: string | null;
  armed: { wakeAt: string; runAt: string; taskId: string; title: string } | null;
  lastError: string | null;
}

const seconds = (iso: string): string => String(Math.floor(Date.parse(iso) / 1000));

/**
 * An hour of the day in Denver twelve hours from now: the nightly run stays hours away while the test
 * runs, whenever it runs (at 3 AM it fired mid-test, and its wake moved to the next night).
 */
const farHour = (): number =>
  (Number(
    new Intl.DateTimeFormat('en-US', { timeZone: 'America/Denver', hour: 'numeric', hourCycle: 'h23' }).format(
      Date.now(),
    ),
  ) +
    12) %
  24;
const minuteBefore = (iso: string): string => String(Math.floor((Date.parse(iso) - 60_000) / 1000));

describe('wake to run, in the headless host', () => {
  it('sets the wake a minute before the next wake-to-run run, follows each run and each schedule change', async () => {
    const wakealarm = join(makeTempDir(), 'wakealarm');
    writeFileSync(wakealarm, '');
    host = await startHeadlessHost({ dataDir: makeTempDir(), env: { RIDGELINE_WAKEALARM: wakealarm } });
    const alarm = (): string => readFileSync(wakealarm, 'utf8');

    const status = await call<WakeStatus>('system.wake', {});
    expect(status).toMatchObject({ available: true, method: `the RTC wake alarm (${wakealarm})`, armed: null });

    // A task that does not ask to wake the machine sets nothing.
    await call<Task>('tasks.create', { title: 'Quiet', schedule: { kind: 'cron', expr: '0 3 * * *' } });
    const nightly = await call<Task>('tasks.create', {
      title: 'Nightly backup',
      wakeToRun: true,
      schedule: { kind: 'cron', expr: `0 ${farHour()} * * *`, timezone: 'America/Denver' },
    });
    await waitFor(alarm, (v) => v === minuteBefore(nightly.nextRunAt), 'the wake a minute before the nightly run');
    expect((await call<WakeStatus>('system.wake', {})).armed).toEqual({
      wakeAt: new Date(Date.parse(nightly.nextRunAt) - 60_000).toISOString(),
      runAt: nightly.nextRunAt,
      taskId: nightly.id,
      title: 'Nightly backup',
    });
    const cliStatus = await runCli(['status', '--data-dir', host!.dataDir]);
    expect(cliStatus.stdout).toMatch(
      new RegExp(
        `Wake for runs: available \\(the RTC wake alarm \\(${wakealarm}\\)\\); wakes at [^;]+ M[SD]T for "Nightly backup"`,
      ),
    );
    const shown = await runCli(['tasks', 'show', nightly.id, '--data-dir', host!.dataDir]);
    expect(shown.stdout).toMatch(/Wake to run:\s+yes: wakes the computer a minute before each scheduled run/);

    // Every 20 s: its minute of lead has always begun, so the wake is at the run itself.
    const frequent = await call<Task>('tasks.create', {
      title: 'Frequent',
      wakeToRun: true,
      schedule: { kind: 'cron', expr: '*/20 * * * * *' },
      pipeline: { steps: [{ id: 'pause', uses: 'wait', with: { ms: 0 } }] },
    });
    const first = Number(seconds(frequent.nextRunAt));
    // The wake is at one of its runs, ahead of the nightly one: the first, or a later one when the
    // first fired before the alarm file was read (a run due within a moment of the task's creation).
    await waitFor(
      alarm,
      (v) =>
        Number(v) >= first && (Number(v) - first) % 20 === 0 && Number(v) < Number(minuteBefore(nightly.nextRunAt)),
      'the wake at a frequent run',
    );

    // The run fires, the task's next run moves on, and the wake follows it.
    const after = await waitFor(
      () => call<Task>('tasks.get', { id: frequent.id }),
      (t) => t.nextRunAt !== frequent.nextRunAt,
      'the frequent task firing',
    );
    await waitFor(alarm, (v) => Number(v) > first, 'the wake moving past the run that fired');
    expect(Number(alarm())).toBeGreaterThanOrEqual(Number(seconds(after.nextRunAt)));

    // Turned off, the frequent task no longer counts: back to a minute before the nightly run.
    await call<Task>('tasks.update', { id: frequent.id, wakeToRun: false });
    await waitFor(alarm, (v) => v === minuteBefore(nightly.nextRunAt), 'the wake back at the nightly run');

    // Nothing left to wake for: the alarm is cleared.
    await call<Task>('tasks.pause', { id: nightly.id });
    await waitFor(alarm, (v) => v === '0', 'the wake removed');
    expect((await call<WakeStatus>('system.wake', {})).armed).toBeNull();
  }, 90_000);
});

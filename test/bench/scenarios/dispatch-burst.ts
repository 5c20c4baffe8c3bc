// The bursts of scenario `dispatch`: many tasks due at the same instant, timed from that instant to
// the commit of the last run, with scheduler.status asked over loopback HTTP all along.
import { percentile } from '../report';
import { startApiProbe } from '../api-probe';
import { sleep, startBenchRuntime, type BenchRuntime } from '../bench-runtime';

/** The wall clock to a fraction of a millisecond (Date.now() counts whole ones). */
export const preciseNow = (): number => performance.timeOrigin + performance.now();

export const ZONES = [
  'UTC',
  'America/Denver',
  'America/New_York',
  'America/Los_Angeles',
  'America/Sao_Paulo',
  'Europe/London',
  'Europe/Berlin',
  'Asia/Kolkata',
  'Asia/Kathmandu',
  'Asia/Tokyo',
  'Australia/Sydney',
  'Pacific/Auckland',
];

export interface BurstResult {
  /** From the due instant to the schedule:fired push (sent after commit) carrying the last run. */
  lastMs: number;
  apiP50Ms: number;
  apiMaxMs: number;
  apiSamples: number;
}

/** Waits for `count` runs scheduled for `due` to be pushed, while timing scheduler.status over HTTP. */
async function timeBurst(bench: BenchRuntime, due: number, count: number): Promise<BurstResult> {
  let queued = 0;
  let last = 0;
  const done = new Promise<void>((resolve) => {
    bench.runtime.api.subscribe((message) => {
      if (message.event !== 'schedule:fired') return;
      const now = preciseNow();
      for (const run of message.data.runs) {
        if (Date.parse(run.scheduledFor) !== due) continue;
        queued++;
        last = now;
      }
      if (queued === count) resolve();
    });
  });
  const lead = due - Date.now();
  if (lead < 600) throw new Error(`creating the burst left ${lead} ms before its due instant; 600 are needed`);
  await sleep(lead - 500);
  const probe = startApiProbe({ ...bench.http!, call: 'scheduler.status', gapMs: 2 });
  await done;
  await sleep(100);
  const samples = await probe.stop();
  const ms = samples.map((s) => s.ms);
  return {
    lastMs: last - due,
    apiP50Ms: percentile(ms, 50),
    apiMaxMs: Math.max(...ms),
    apiSamples: samples.length,
  };
}

/** `count` one-off tasks due in the same second, on an otherwise empty database. */
export async function burst(count: number): Promise<BurstResult> {
  const bench = await startBenchRuntime({ http: true });
  // Room to create the tasks before they fall due, on a machine other work may slow several times.
  const due = Math.ceil((Date.now() + 3000 + count * 5) / 1000) * 1000;
  for (let i = 0; i < count; i++) {
    await bench.runtime.api.call('tasks.create', {
      title: `Burst ${i}`,
      schedule: { kind: 'once', expr: new Date(due).toISOString() },
    });
  }
  const result = await timeBurst(bench, due, count);
  await bench.dispose();
  return result;
}

/** The minute and hour a zone's clock reads at an instant. */
function wallMinuteHour(instant: number, timeZone: string): { minute: number; hour: number } {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone, hour: 'numeric', minute: 'numeric', hourCycle: 'h23' })
    .formatToParts(instant)
    .reduce<Record<string, string>>((acc, p) => ({ ...acc, [p.type]: p.value }), {});
  return { minute: Number(parts.minute), hour: Number(parts.hour) };
}

/**
 * `due` daily cron tasks firing at the same minute among `total` tasks, spread over 12 zones; the
 * others fire twelve hours away. The due minute is the next one after the tasks are made.
 */
export async function burstAmong(total: number, dueCount: number): Promise<BurstResult> {
  const bench = await startBenchRuntime({ http: true });
  const farHour = (new Date().getUTCHours() + 12) % 24;
  for (let i = 0; i < total - dueCount; i++) {
    await bench.runtime.api.call('tasks.create', {
      title: `Daily ${i}`,
      schedule: { kind: 'cron', expr: `${i % 60} ${farHour} * * *`, timezone: ZONES[i % ZONES.length]! },
    });
  }
  // Room to create the due tasks before their minute, as for burst().
  const due = Math.ceil((Date.now() + 3000 + dueCount * 5) / 60_000) * 60_000;
  for (let i = 0; i < dueCount; i++) {
    const timezone = ZONES[i % ZONES.length]!;
    const { minute, hour } = wallMinuteHour(due, timezone);
    await bench.runtime.api.call('tasks.create', {
      title: `Due ${i}`,
      schedule: { kind: 'cron', expr: `${minute} ${hour} * * *`, timezone },
    });
  }
  const result = await timeBurst(bench, due, dueCount);
  await bench.dispose();
  return result;
}

// Scenario `dispatch`: how late the scheduler queues runs, how fast it fires a burst, and what it
// costs while idle, against a baseline of one node-cron task per schedule.
import cron from 'node-cron';
import { round, percentile, type ScenarioResult } from '../report';
import { sleep, startBenchRuntime } from '../bench-runtime';

const SINGLE_SAMPLES = 200;
const SINGLE_SPACING_MS = 47;
const BURST_TASKS = 1000;
const IDLE_TASKS = 1000;
const IDLE_WINDOW_MS = 30_000;
const IDLE_SETTLE_MS = 5_000;
const BASELINE_SAMPLES = 20;

/** Lateness from each run's due instant to the moment its run:queued event (sent after commit) arrives. */
async function singleLateness(): Promise<number[]> {
  const bench = await startBenchRuntime();
  const lateness: number[] = [];
  const done = new Promise<void>((resolve) => {
    bench.runtime.api.subscribe((message) => {
      if (message.event !== 'run:queued') return;
      lateness.push(Date.now() - Date.parse(message.data.run.scheduledFor));
      if (lateness.length === SINGLE_SAMPLES) resolve();
    });
  });
  const first = Date.now() + 1500;
  for (let i = 0; i < SINGLE_SAMPLES; i++) {
    const due = new Date(first + i * SINGLE_SPACING_MS).toISOString();
    await bench.runtime.api.call('tasks.create', { title: `Single ${i}`, schedule: { kind: 'once', expr: due } });
  }
  await done;
  await bench.dispose();
  return lateness;
}

/** Time from the shared due second until the last of 1,000 runs is queued. */
async function burst(): Promise<number> {
  const bench = await startBenchRuntime();
  const due = Math.ceil((Date.now() + 3000) / 1000) * 1000;
  let queued = 0;
  let last = 0;
  const done = new Promise<void>((resolve) => {
    bench.runtime.api.subscribe((message) => {
      if (message.event !== 'run:queued') return;
      queued++;
      last = Date.now();
      if (queued === BURST_TASKS) resolve();
    });
  });
  for (let i = 0; i < BURST_TASKS; i++) {
    await bench.runtime.api.call('tasks.create', {
      title: `Burst ${i}`,
      schedule: { kind: 'once', expr: new Date(due).toISOString() },
    });
  }
  if (Date.now() >= due) throw new Error('creating the burst took longer than its lead time');
  await done;
  await bench.dispose();
  return last - due;
}

/** Wakeups and CPU over a quiet window with 1,000 daily schedules, none due in the window. */
async function idle(): Promise<{ wakeupsPerMin: number; cpuPct: number; dueInWindow: number }> {
  const bench = await startBenchRuntime();
  const hour = (new Date().getUTCHours() + 12) % 24;
  for (let i = 0; i < IDLE_TASKS; i++) {
    await bench.runtime.api.call('tasks.create', {
      title: `Daily ${i}`,
      schedule: { kind: 'cron', expr: `${i % 60} ${hour} * * *`, timezone: 'UTC' },
    });
  }
  // Let the garbage collector and the compiler finish with the setup before measuring the quiet:
  // a full collection now (npm run bench passes --expose-gc), or V8's memory reducer does it some
  // 25 s later, inside the window, and the one-off cleanup of the setup is counted as idle cost.
  (globalThis as { gc?: () => void }).gc?.();
  await sleep(IDLE_SETTLE_MS);
  const wakeups0 = bench.runtime.schedulerStats().wakeups;
  const queued0 = bench.runtime.schedulerStats().queued;
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  await sleep(IDLE_WINDOW_MS);
  const elapsed = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  const stats = bench.runtime.schedulerStats();
  await bench.dispose();
  return {
    wakeupsPerMin: ((stats.wakeups - wakeups0) * 60_000) / elapsed,
    cpuPct: ((cpu.user + cpu.system) / 1000 / elapsed) * 100,
    dueInWindow: stats.queued - queued0,
  };
}

/** node-cron fires on whole seconds: lateness is how far past the second its callback runs. */
async function nodeCronBaseline(): Promise<number[]> {
  const lateness: number[] = [];
  await new Promise<void>((resolve) => {
    const job = cron.schedule('* * * * * *', () => {
      const now = Date.now();
      lateness.push(now - Math.floor(now / 1000) * 1000);
      if (lateness.length === BASELINE_SAMPLES) {
        void job.stop();
        resolve();
      }
    });
  });
  return lateness;
}

/** The five slowest samples with their position, to tell a cold first fire from a noisy tail. */
function slowest(samples: number[]): string {
  return samples
    .map((ms, i) => ({ ms, i }))
    .sort((a, b) => b.ms - a.ms)
    .slice(0, 5)
    .sort((a, b) => a.i - b.i)
    .map(({ ms, i }) => `#${i + 1} ${ms} ms`)
    .join(', ');
}

export async function dispatch(): Promise<ScenarioResult> {
  const single = await singleLateness();
  const burstMs = await burst();
  const quiet = await idle();
  const baseline = await nodeCronBaseline();
  return {
    scenario: 'dispatch',
    metrics: {
      single_p50_ms: round(percentile(single, 50)),
      single_p99_ms: round(percentile(single, 99)),
      burst_1000_last_ms: round(burstMs),
      idle_wakeups_per_min: round(quiet.wakeupsPerMin),
      idle_cpu_pct: round(quiet.cpuPct, 3),
      baseline_node_cron_single_p99_ms: round(percentile(baseline, 99)),
    },
    targets: {
      single_p99_ms: { value: 20, inclusive: false },
      burst_1000_last_ms: { value: 250, inclusive: false },
      idle_wakeups_per_min: { value: 2 + quiet.dueInWindow, inclusive: true },
      idle_cpu_pct: { value: 1, inclusive: false },
    },
    notes: [
      `single: ${SINGLE_SAMPLES} one-off tasks due ${SINGLE_SPACING_MS} ms apart; lateness is due instant to run:queued (after commit); slowest samples in order of firing: ${slowest(single)}`,
      `burst: ${BURST_TASKS} tasks due in the same second, time until the last run:queued`,
      `idle: ${IDLE_TASKS} daily schedules, none due, over ${IDLE_WINDOW_MS / 1000} s after a full garbage collection and ${IDLE_SETTLE_MS / 1000} s to settle (${quiet.dueInWindow} runs fell due)`,
      `baseline: one node-cron task firing every second, ${BASELINE_SAMPLES} samples of its lateness past the second`,
    ],
  };
}

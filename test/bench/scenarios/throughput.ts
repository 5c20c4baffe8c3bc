// Scenario `throughput`: no-op three-step pipelines through the durable queue, with checkpoints,
// in runs per second under SQLite synchronous NORMAL and FULL, and enqueue-to-start on an idle queue.
import type { SynchronousMode } from '../../../src-main/core/db/open';
import { round, percentile, type ScenarioResult } from '../report';
import { startBenchRuntime, type BenchRuntime } from '../bench-runtime';

const RUNS = 2000;
const TASKS = 100;
const CONCURRENCY = 16;
const DEFAULT_CONCURRENCY = 4;
const STEPS = 3;
const CHECKED_RUNS = 20;
const IDLE_SAMPLES = 200;
const IDLE_WARMUP = 20;
/** Rounds per runs/s metric; the median is reported. */
const ROUNDS = 3;

const pipeline = {
  steps: Array.from({ length: STEPS }, (_, i) => ({ id: `noop${i + 1}`, uses: 'wait', with: { ms: 0 } })),
};

async function createTasks(bench: BenchRuntime, count: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const task = await bench.runtime.api.call('tasks.create', { title: `No-op ${i}`, pipeline });
    ids.push(task.id);
  }
  return ids;
}

/** Every run of the sample has one complete checkpoint per step, and succeeded. */
async function assertCheckpoints(bench: BenchRuntime, runIds: string[]): Promise<void> {
  for (const id of runIds) {
    const details = await bench.runtime.api.call('runs.get', { id });
    const complete = details.steps.filter((s) => s.status === 'complete').map((s) => s.stepId);
    if (details.run.status !== 'succeeded' || complete.join() !== pipeline.steps.map((s) => s.id).join()) {
      throw new Error(`run ${id} ended ${details.run.status} with checkpoints [${complete.join(', ')}]`);
    }
  }
}

/**
 * RUNS runs over TASKS tasks (a task runs one at a time), all queued in one synchronous burst so
 * the worker sees a full queue at its first tick. Timed from when the last run is queued (the
 * worker has started none yet) until the last run:updated 'succeeded' arrives.
 */
interface RoundResult {
  runsPerS: number;
  /** CPU time of the process (user and system) over the timed window, per run. */
  cpuUsPerRun: number;
}

async function runsPerSecond(synchronous: SynchronousMode, maxConcurrentRuns: number): Promise<RoundResult> {
  const bench = await startBenchRuntime({ synchronous, maxConcurrentRuns });
  const taskIds = await createTasks(bench, TASKS);
  let succeeded = 0;
  let failures = 0;
  let last = 0;
  let cpu: NodeJS.CpuUsage = { user: 0, system: 0 };
  const cpuWindow = { start: process.cpuUsage() };
  const done = new Promise<void>((resolve, reject) => {
    bench.runtime.api.subscribe((message) => {
      if (message.event !== 'run:updated') return;
      const { status } = message.data.run;
      if (status === 'succeeded') succeeded++;
      else if (status === 'failed' || status === 'cancelled' || status === 'timed_out') failures++;
      else return;
      if (failures > 0) reject(new Error(`a run ended ${status}`));
      if (succeeded === RUNS) {
        last = performance.now();
        cpu = process.cpuUsage(cpuWindow.start);
        resolve();
      }
    });
  });
  // No await between the calls: every insert commits before the worker's wake timer can fire.
  const runs = await Promise.all(
    Array.from({ length: RUNS }, (_, i) => bench.runtime.api.call('tasks.runNow', { id: taskIds[i % TASKS]! })),
  );
  const start = performance.now();
  cpuWindow.start = process.cpuUsage();
  if (bench.runtime.queueStats().started !== 0) throw new Error('the worker started runs before the queue was full');
  await done;
  const elapsed = last - start;
  await bench.runtime.queueIdle();
  const step = Math.floor(RUNS / CHECKED_RUNS);
  await assertCheckpoints(
    bench,
    runs.filter((_, i) => i % step === step - 1).map((r) => r.id),
  );
  await bench.dispose();
  return { runsPerS: (RUNS * 1000) / elapsed, cpuUsPerRun: (cpu.user + cpu.system) / RUNS };
}

/** One run at a time on an idle queue: tasks.runNow resolving to that run's 'running' event. */
async function enqueueToStart(): Promise<number[]> {
  const bench = await startBenchRuntime();
  const [taskId] = await createTasks(bench, 1);
  let waiting: { runId: string; resolve: (at: number) => void } | undefined;
  let finished: (() => void) | undefined;
  const startedAt = new Map<string, number>();
  bench.runtime.api.subscribe((message) => {
    if (message.event !== 'run:updated') return;
    const { id, status } = message.data.run;
    if (status === 'running') startedAt.set(id, performance.now());
    if (status === 'running' && waiting?.runId === id) waiting.resolve(performance.now());
    if (status === 'succeeded') finished?.();
  });
  const samples: number[] = [];
  for (let i = 0; i < IDLE_WARMUP + IDLE_SAMPLES; i++) {
    const end = new Promise<void>((resolve) => (finished = resolve));
    const run = await bench.runtime.api.call('tasks.runNow', { id: taskId! });
    const queuedAt = performance.now();
    // The start event can arrive before the call's promise resumes this function.
    const runningAt =
      startedAt.get(run.id) ?? (await new Promise<number>((resolve) => (waiting = { runId: run.id, resolve })));
    waiting = undefined;
    if (i >= IDLE_WARMUP) samples.push(Math.max(0, runningAt - queuedAt));
    await end;
    await bench.runtime.queueIdle();
  }
  await bench.dispose();
  return samples;
}

/** The median of ROUNDS rounds, each on a fresh database. */
async function medianRunsPerSecond(synchronous: SynchronousMode, maxConcurrentRuns: number): Promise<RoundResult> {
  const rounds: RoundResult[] = [];
  for (let i = 0; i < ROUNDS; i++) rounds.push(await runsPerSecond(synchronous, maxConcurrentRuns));
  return {
    runsPerS: percentile(
      rounds.map((r) => r.runsPerS),
      50,
    ),
    cpuUsPerRun: percentile(
      rounds.map((r) => r.cpuUsPerRun),
      50,
    ),
  };
}

export async function throughput(): Promise<ScenarioResult> {
  // Ridgeline runs for days: what counts is the steady state, not the first runs through a cold JIT.
  await runsPerSecond('NORMAL', CONCURRENCY);
  const normal = await medianRunsPerSecond('NORMAL', CONCURRENCY);
  const full = await medianRunsPerSecond('FULL', CONCURRENCY);
  const normalDefault = await medianRunsPerSecond('NORMAL', DEFAULT_CONCURRENCY);
  const idle = await enqueueToStart();
  return {
    scenario: 'throughput',
    metrics: {
      runs_per_s_normal: round(normal.runsPerS, 0),
      runs_per_s_full: round(full.runsPerS, 0),
      runs_per_s_normal_concurrency_4: round(normalDefault.runsPerS, 0),
      cpu_us_per_run_normal: round(normal.cpuUsPerRun, 0),
      cpu_us_per_run_full: round(full.cpuUsPerRun, 0),
      enqueue_to_start_p50_ms: round(percentile(idle, 50)),
      enqueue_to_start_p99_ms: round(percentile(idle, 99)),
    },
    targets: {
      runs_per_s_normal: { value: 3000, inclusive: true, direction: 'min' },
      runs_per_s_full: { value: 1500, inclusive: true, direction: 'min' },
      enqueue_to_start_p50_ms: { value: 5, inclusive: false },
    },
    notes: [
      `runs/s: ${RUNS} runs of ${STEPS}-step no-op pipelines (wait ms: 0) over ${TASKS} tasks, maxConcurrentRuns ${CONCURRENCY} (and the default ${DEFAULT_CONCURRENCY}), a fresh database each; the median of ${ROUNDS} rounds after one unmeasured warm-up round; timed from the moment all are queued (worker woken, none started) to the last run:updated 'succeeded'; ${CHECKED_RUNS} runs checked for ${STEPS} complete checkpoints; cpu_us_per_run is the process's CPU time (user and system) over the same window, per run (the median round's)`,
      `enqueue_to_start: ${IDLE_SAMPLES} runs one at a time on an idle queue (after ${IDLE_WARMUP} warm-up runs), from tasks.runNow resolving to the run's 'running' run:updated event`,
    ],
  };
}

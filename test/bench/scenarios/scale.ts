// Scenario `scale`: the headless host (a real child process) on a data directory holding 10,000
// tasks of every schedule kind in 12 zones, each with its own expression, and 100,000 finished runs.
// Every schedule fires once, in 10 bursts of 1,000 due in the same instant; measured: how late each
// burst is committed, how the API answers meanwhile, list latencies and sizes, the host's memory
// after the fires (idle) and at its peak, and its start. Then the runs table is taken to 1,000,000
// rows, written straight into the file, and the reads are measured again.
import Database from 'better-sqlite3';
import { readFileSync, mkdtempSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { gunzipSync } from 'node:zlib';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DATABASE_FILE } from '../../../src-main/core/db/open';
import type { CallInput, CallName } from '../../../src-main/core/api/contract';
import { startHeadlessHost, type HeadlessHost } from '../../helpers/headless-host';
import { percentile, round, type ScenarioResult, type Target } from '../report';
import { sleep } from '../bench-runtime';
import { addRunsUpTo, fillScaleData, SAMPLE_TASK, setDue, type ScaleData } from './scale-data';

const TASKS = 10_000;
const RUNS_PER_TASK = 10;
const BURSTS = 10;
const BURST_SPACING_MS = 5_000;
const BIG_RUNS = 1_000_000;
const SAMPLES = 25;
// The issue asks for RSS after 10 minutes idle; npm run bench must end within 10 minutes here, so
// the idle wait is shorter (SCALE_IDLE_MS to change it) and the notes say how long it was.
const IDLE_MS = Number(process.env.SCALE_IDLE_MS ?? 60_000);

const step = (text: string) => process.stderr.write(`  scale: ${text}\n`);

function memoryOf(pid: number): { rssMb: number; peakMb: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? Number.NaN);
  return { rssMb: round(kb('VmRSS') / 1024, 1), peakMb: round(kb('VmHWM') / 1024, 1) };
}

/** One connection kept open, as a browser or fetch keeps it. */
const keepAlive = new Agent({ keepAlive: true });

/**
 * Calls over node:http asking for gzip, as browsers and the CLI do: `wireBytes` is what crossed the
 * socket, `bytes` the JSON once unpacked, and `ms` includes the unpacking.
 */
function client(host: HeadlessHost) {
  return function call<K extends CallName>(
    name: K,
    input: CallInput<K>,
  ): Promise<{ ms: number; bytes: number; wireBytes: number; body: unknown }> {
    const t0 = performance.now();
    return new Promise((resolve, reject) => {
      const req = request(
        new URL(`/api/${name}`, host.baseUrl),
        {
          method: 'POST',
          agent: keepAlive,
          headers: {
            Authorization: `Bearer ${host.token}`,
            'Content-Type': 'application/json',
            'Accept-Encoding': 'gzip',
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('error', reject);
          res.on('end', () => {
            const wire = Buffer.concat(chunks);
            const text = (res.headers['content-encoding'] === 'gzip' ? gunzipSync(wire) : wire).toString('utf8');
            const ms = performance.now() - t0;
            if (res.statusCode !== 200) {
              return reject(new Error(`${name} answered HTTP ${res.statusCode}: ${text.slice(0, 300)}`));
            }
            resolve({ ms, bytes: Buffer.byteLength(text), wireBytes: wire.length, body: JSON.parse(text) as unknown });
          });
        },
      );
      req.on('error', reject);
      req.end(JSON.stringify(input));
    });
  };
}

type Call = ReturnType<typeof client>;

/** p50 of SAMPLES calls (after one warm-up) and the answer's size in KB, sent and unpacked. */
async function timed<K extends CallName>(call: Call, name: K, input: CallInput<K>) {
  await call(name, input);
  const label = `${name} ${JSON.stringify(input)}`;
  const times: number[] = [];
  let bytes = 0;
  let wireBytes = 0;
  for (let i = 0; i < SAMPLES; i++) {
    const answer = await call(name, input);
    times.push(answer.ms);
    bytes = answer.bytes;
    wireBytes = answer.wireBytes;
  }
  const result = { p50: round(percentile(times, 50)), kb: round(wireBytes / 1024, 1), jsonKb: round(bytes / 1024, 1) };
  step(`${label}: ${result.p50} ms, ${result.kb} KB sent (${result.jsonKb} KB of JSON)`);
  return result;
}

async function readLatencies(
  call: Call,
  prefix: string,
  metrics: Record<string, number>,
  data: ScaleData,
): Promise<void> {
  const tasks = await timed(call, 'tasks.list', { limit: 100 });
  metrics[`${prefix}tasksList100P50Ms`] = tasks.p50;
  metrics[`${prefix}tasksList100Kb`] = tasks.kb;
  metrics[`${prefix}tasksList100JsonKb`] = tasks.jsonKb;
  const board = await timed(call, 'tasks.list', { perColumn: 200 });
  metrics[`${prefix}boardPerColumn200P50Ms`] = board.p50;
  metrics[`${prefix}boardPerColumn200Kb`] = board.kb;
  const runs = await timed(call, 'runs.list', { limit: 100 });
  metrics[`${prefix}runsList100P50Ms`] = runs.p50;
  metrics[`${prefix}runsList100Kb`] = runs.kb;
  metrics[`${prefix}runsList100JsonKb`] = runs.jsonKb;
  const first = (await call('runs.list', { limit: 100 })).body as { nextCursor: string };
  metrics[`${prefix}runsListCursorP50Ms`] = (
    await timed(call, 'runs.list', { limit: 100, cursor: first.nextCursor })
  ).p50;
  metrics[`${prefix}runsListOffset90kP50Ms`] = (await timed(call, 'runs.list', { limit: 100, offset: 90_000 })).p50;
  metrics[`${prefix}runsOfTaskP50Ms`] = (
    await timed(call, 'runs.list', { taskId: data.taskIds[SAMPLE_TASK], limit: 100 })
  ).p50;
  metrics[`${prefix}failedRunsP50Ms`] = (await timed(call, 'runs.list', { status: ['failed'], limit: 100 })).p50;
  metrics[`${prefix}runsGetP50Ms`] = (await timed(call, 'runs.get', { id: data.sampleRunId })).p50;
  metrics[`${prefix}eventsListP50Ms`] = (await timed(call, 'events.list', {})).p50;
  metrics[`${prefix}queueStatusP50Ms`] = (await timed(call, 'queue.status', {})).p50;
  metrics[`${prefix}usageSummaryP50Ms`] = (await timed(call, 'usage.summary', {})).p50;
  metrics[`${prefix}schedulerStatusP50Ms`] = (await timed(call, 'scheduler.status', {})).p50;
}

async function startTimed(dataDir: string): Promise<{ host: HeadlessHost; ms: number }> {
  const t0 = performance.now();
  const host = await startHeadlessHost({ dataDir });
  return { host, ms: round(performance.now() - t0) };
}

/** Lateness of the burst due at `due`: until all of its runs are committed, seen by a reader of the file. */
async function burst(dataDir: string, due: number, size: number): Promise<number> {
  const db = new Database(join(dataDir, DATABASE_FILE), { readonly: true });
  // The index of scheduled occurrences counts a burst's runs in a fraction of a millisecond: a read
  // of every recent run took up to 5 ms a poll by the last burst, and delayed this process's own
  // API calls, which the API's latency would then count.
  const committed = db
    .prepare(
      `SELECT count(*) FROM runs WHERE scheduled_for = ? AND trigger IN ('schedule', 'catch_up') AND attempt = 1`,
    )
    .pluck();
  let doneAt = Number.NaN;
  await sleep(Math.max(0, due - 50 - Date.now()));
  while (Date.now() < due + 30_000) {
    if ((committed.get(due) as number) >= size) {
      doneAt = Date.now();
      break;
    }
    await sleep(2);
  }
  db.close();
  return doneAt - due;
}

const slowest = (values: readonly number[]): number => values.reduce((max, v) => Math.max(max, v), 0);

/**
 * Asks scheduler.status every 2 ms, from `from` until stopped: through every burst, the runs they
 * queue, and the checkpoints that move their writes into the database file.
 */
function probeApi(call: Call, from: number) {
  const samples: { at: number; ms: number }[] = [];
  let stopped = false;
  const loop = (async () => {
    await sleep(Math.max(0, from - Date.now()));
    while (!stopped) {
      samples.push({ at: Date.now(), ms: (await call('scheduler.status', {})).ms });
      await sleep(2);
    }
  })();
  return {
    /** The answers since `since`. */
    since: (since: number): number[] => samples.filter((s) => s.at >= since).map((s) => s.ms),
    async stop(): Promise<number[]> {
      stopped = true;
      await loop;
      return samples.map((s) => s.ms);
    },
  };
}

export async function scale(): Promise<ScenarioResult> {
  const dataDir = mkdtempSync(join(tmpdir(), 'ridgeline-bench-scale-'));
  const notes: string[] = [];
  const metrics: Record<string, number> = {};
  const hosts: HeadlessHost[] = [];
  try {
    const empty = await startTimed(dataDir);
    await empty.host.stop();
    const again = await startTimed(dataDir);
    await again.host.stop();
    metrics.startEmptyMs = again.ms;
    const fillStart = Date.now();
    const data = fillScaleData(dataDir, { tasks: TASKS, runsPerTask: RUNS_PER_TASK, now: Date.now() });
    notes.push(
      `wrote ${TASKS} tasks (70% cron, 15% RRULE, 10% interval, 5% once; 12 zones) and ${TASKS * RUNS_PER_TASK} runs in ${Date.now() - fillStart} ms`,
    );
    step(notes.at(-1)!);
    const dues = setDue(dataDir, { firstDue: Date.now() + 20_000, bursts: BURSTS, spacingMs: BURST_SPACING_MS });

    const started = await startTimed(dataDir);
    hosts.push(started.host);
    const host = started.host;
    metrics.startWithDataMs = started.ms;
    step(`host listening ${started.ms} ms after it was spawned`);
    const call = client(host);

    const probe = probeApi(call, dues[0]! - 500);
    const lates: number[] = [];
    for (const [i, due] of dues.entries()) {
      // A burst late by more than the spacing is still measured: its runs are counted from its instant.
      lates.push(await burst(dataDir, due, TASKS / BURSTS));
      const answers = probe.since(i === 0 ? 0 : dues[i - 1]!);
      step(
        `burst of ${TASKS / BURSTS} committed ${lates.at(-1)} ms after its instant; since the one before, the API answered within ${round(slowest(answers))} ms`,
      );
    }
    metrics.burstLateP50Ms = round(percentile(lates, 50));
    metrics.burstLateMaxMs = round(Math.max(...lates));

    for (;;) {
      const queue = (await call('queue.status', {})).body as { running: unknown[]; queued: unknown[] };
      if (queue.running.length === 0 && queue.queued.length === 0) break;
      await sleep(500);
    }
    // The last burst's writes are checkpointed a second or more after its runs end.
    await sleep(3000);
    const answers = await probe.stop();
    metrics.apiDuringBurstP50Ms = round(percentile(answers, 50));
    metrics.apiDuringBurstMaxMs = round(slowest(answers));
    notes.push(
      `API: scheduler.status asked every 2 ms from 0.5 s before the first burst until 3 s after the last run ended, ${answers.length} answers`,
    );
    step(`every schedule fired and its run ended; idle for ${IDLE_MS / 1000} s`);
    await sleep(IDLE_MS);
    const memory = memoryOf(host.pid);
    metrics.rssIdleMb = memory.rssMb;
    metrics.rssPeakMb = memory.peakMb;
    notes.push(`RSS measured after ${IDLE_MS / 1000} s idle (the issue's 10 minutes would not fit npm run bench)`);
    await readLatencies(call, '', metrics, data);
    await host.stop();

    const addStart = Date.now();
    const added = addRunsUpTo(dataDir, { total: BIG_RUNS, taskIds: data.taskIds, now: Date.now() });
    notes.push(`added ${added} runs (to ${BIG_RUNS}) in ${Date.now() - addStart} ms`);
    step(notes.at(-1)!);
    const big = await startTimed(dataDir);
    hosts.push(big.host);
    metrics.startAt1MRunsMs = big.ms;
    await readLatencies(client(big.host), 'at1MRuns.', metrics, data);
    metrics['at1MRuns.rssMb'] = memoryOf(big.host.pid).rssMb;
    await big.host.stop();
  } finally {
    for (const host of hosts) await host.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
  const under = (value: number): Target => ({ value, inclusive: false });
  const targets: Record<string, Target> = {
    burstLateMaxMs: under(50),
    apiDuringBurstMaxMs: under(20),
    rssIdleMb: under(90),
    rssPeakMb: under(120),
    startWithDataMs: under(300),
  };
  for (const prefix of ['', 'at1MRuns.']) {
    for (const name of [
      'tasksList100P50Ms',
      'runsList100P50Ms',
      'eventsListP50Ms',
      'queueStatusP50Ms',
      'usageSummaryP50Ms',
      'schedulerStatusP50Ms',
    ]) {
      targets[`${prefix}${name}`] = under(5);
    }
    targets[`${prefix}tasksList100Kb`] = under(20);
    targets[`${prefix}runsList100Kb`] = under(20);
  }
  notes.push('start: from spawning node to the host printing its address (API listening), build excluded');
  notes.push('latencies are over HTTP on loopback from another process, p50 of 25 calls, gzip asked for as');
  notes.push('browsers and the CLI do: *Kb is what was sent, *JsonKb the JSON unpacked');
  return { scenario: 'scale', metrics, targets, notes };
}

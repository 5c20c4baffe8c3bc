// npm run test:stress: the fault harness at full size, at least 200 SIGKILLs of the headless host.
// RIDGELINE_STRESS_KILLS, RIDGELINE_STRESS_RUNS, RIDGELINE_STRESS_STEPS and RIDGELINE_STRESS_SEED override.
import { expect, it } from 'vitest';
import { runFaultHarness, summarize } from './harness';

const env = (name: string, fallback: number): number => Number(process.env[name] ?? fallback);

it('survives hundreds of SIGKILLs without losing, doubling or re-running work', async () => {
  const kills = env('RIDGELINE_STRESS_KILLS', 200);
  const report = await runFaultHarness({
    kills,
    runs: env('RIDGELINE_STRESS_RUNS', 2 * kills),
    stepsPerRun: env('RIDGELINE_STRESS_STEPS', 4),
    seed: process.env.RIDGELINE_STRESS_SEED ? Number(process.env.RIDGELINE_STRESS_SEED) : undefined,
    finishTimeoutMs: 300_000,
    log: (line) => console.log(line),
  });
  console.log(summarize(report));
  expect(report.violations).toEqual([]);
});

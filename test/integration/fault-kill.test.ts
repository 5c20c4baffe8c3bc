// The CI version of the fault harness: a few SIGKILLs of the headless host while side-effecting
// shell steps run; after the restarts nothing is lost, doubled or re-run (npm run test:stress: 200+).
import { describe, expect, it } from 'vitest';
import { runFaultHarness, summarize } from '../fault/harness';

describe('fault tolerance under SIGKILL', () => {
  it('keeps the database sound and runs no completed step twice', { timeout: 90_000 }, async () => {
    const report = await runFaultHarness({ kills: 8, runs: 12, stepsPerRun: 3, finishTimeoutMs: 30_000 });
    console.log(summarize(report));
    expect(report.violations).toEqual([]);
    expect(report.integrity).toBe('ok');
    expect(report.statuses).toEqual({ succeeded: 12 });
    expect(report.durationMs).toBeLessThan(60_000);
  });
});

// npm run bench -- <scenario>: runs a benchmark scenario, prints a table and writes
// test/bench/results/<scenario>.json as { scenario, metrics, targets }.
import { resolve } from 'node:path';
import { report, type ScenarioResult } from './report';
import { dispatch } from './scenarios/dispatch';
import { scale } from './scenarios/scale';
import { throughput } from './scenarios/throughput';

// The board scenario drives Chromium through Playwright, whose modules hold about 28 MB of this
// process's heap. It loads them when it runs, and runs last: the runtime that dispatch and throughput
// run in this process, and the probes that time the scale host's API, would otherwise carry them
// through every full garbage collection (which paused this process 13 to 24 ms with them).
const scenarios: Record<string, () => Promise<ScenarioResult>> = {
  dispatch,
  throughput,
  scale,
  board: async () => (await import('./scenarios/board')).board(),
};
const resultsDir = resolve(process.cwd(), 'test/bench/results');

async function main(names: string[]): Promise<void> {
  const chosen = names.length > 0 ? names : Object.keys(scenarios);
  for (const name of chosen) {
    const scenario = scenarios[name];
    if (!scenario) {
      process.stderr.write(`Unknown scenario "${name}". Scenarios: ${Object.keys(scenarios).join(', ')}\n`);
      process.exit(2);
    }
    process.stdout.write(`Scenario ${name}...\n`);
    const started = performance.now();
    const result = await scenario();
    // npm run bench must end within 10 minutes here: each scenario says what it took of them.
    process.stdout.write(
      `${report(result, resultsDir)}\nScenario ${name} took ${Math.round((performance.now() - started) / 1000)} s\n`,
    );
  }
}

main(process.argv.slice(2)).then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(
      `Benchmark failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exit(1);
  },
);

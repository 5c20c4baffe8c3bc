// Preloaded into a host (NODE_OPTIONS=--import) by tests that check what it loads and how it
// collects. On SIGWINCH it makes garbage the way bursts of runs do: objects that live across a few
// turns of the event loop, long enough to be promoted to the old generation, then dropped. On
// SIGUSR2 it writes to HOST_PROBE_FILE, as JSON, the files in the CommonJS module cache, how many
// full (mark-compact) collections the host has made and the largest heap seen while making garbage.
import { renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { constants, PerformanceObserver } from 'node:perf_hooks';

const { cache } = createRequire(import.meta.url);
let majorGcs = 0;
let churned = 0;
let peakHeapUsed = 0;
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) if (entry.detail?.kind === constants.NODE_PERFORMANCE_GC_MAJOR) majorGcs++;
}).observe({ entryTypes: ['gc'] });

const BATCH_BYTES = 512 * 1024;
const TOTAL_BYTES = Number(process.env.HOST_PROBE_GARBAGE_MB ?? 100) * 1024 * 1024;

function churn(held) {
  const batch = Array.from({ length: BATCH_BYTES / 64 }, (_, i) => ({ i, text: `garbage ${i}`, next: null }));
  held.push(batch);
  // Each batch stays alive for four more batches: several scavenges with a small young generation.
  if (held.length > 4) held.shift();
  churned += BATCH_BYTES;
  peakHeapUsed = Math.max(peakHeapUsed, process.memoryUsage().heapUsed);
  if (churned < TOTAL_BYTES) setImmediate(() => churn(held));
}

process.on('SIGWINCH', () => churn([]));
// Written whole under another name and renamed: a reader never finds the file half written.
process.on('SIGUSR2', () => {
  const done = churned >= TOTAL_BYTES;
  const file = process.env.HOST_PROBE_FILE;
  writeFileSync(`${file}.partial`, JSON.stringify({ modules: Object.keys(cache), majorGcs, done, peakHeapUsed }));
  renameSync(`${file}.partial`, file);
});

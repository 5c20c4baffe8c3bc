// The hosts' garbage collector: a young-generation collection really runs (V8 reports it), and the
// same function is handed out each time.
import { PerformanceObserver, constants } from 'node:perf_hooks';
import { describe, expect, it } from 'vitest';
import { garbageCollector } from '../../../src-main/os/collector';

describe('garbageCollector', () => {
  it('collects the young generation when asked, and is one function', async () => {
    const kinds: number[] = [];
    const observer = new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) kinds.push((entry as unknown as { detail: { kind: number } }).detail.kind);
    });
    observer.observe({ entryTypes: ['gc'] });
    garbageCollector()({ type: 'minor' });
    await new Promise((done) => setTimeout(done, 50));
    observer.disconnect();
    expect(kinds).toContain(constants.NODE_PERFORMANCE_GC_MINOR);
    expect(garbageCollector()).toBe(garbageCollector());
  });
});

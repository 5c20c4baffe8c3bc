// The Node flags the headless host runs with, wherever it is started: `ridgeline serve`, the
// background service, `npm run serve` (package.json spells them out) and the tests' hosts.

/**
 * One V8 worker thread instead of four. Each worker keeps its own malloc arena for the optimizing
 * compiler's and the collector's scratch memory, and glibc returns little of an arena once freed:
 * after the scale benchmark's bursts the four held 5.3 MB of an idle host's 91, one holds 1.2. The
 * compiler and the collector still work beside the main thread; runs a second and burst times did
 * not change on these 2-core machines.
 */
export const HOST_NODE_FLAGS: readonly string[] = ['--v8-pool-size=1'];

// How the headless host is started, wherever it is started: `ridgeline serve`, the background
// service and the tests' hosts build its arguments here; `npm run serve` (package.json) spells
// them out.

/**
 * One V8 worker thread instead of four. Each worker keeps its own malloc arena for the optimizing
 * compiler's and the collector's scratch memory, and glibc returns little of an arena once freed:
 * after the scale benchmark's bursts the four held 5.3 MB of an idle host's 91, one holds 1.2. The
 * compiler and the collector still work beside the main thread; runs a second and burst times did
 * not change on these 2-core machines.
 */
export const HOST_NODE_FLAGS: readonly string[] = ['--v8-pool-size=1'];

/** The built headless host on one data directory and port. */
export interface HostTarget {
  headlessEntry: string;
  dataDir: string;
  /** Undefined: the host's default (7788, or RIDGELINE_PORT). */
  port?: number;
}

/** Node's arguments for the host: its flags, its entry, then the host's own. */
export function hostArgs(target: HostTarget): string[] {
  return [
    ...HOST_NODE_FLAGS,
    target.headlessEntry,
    '--data-dir',
    target.dataDir,
    ...(target.port === undefined ? [] : ['--port', String(target.port)]),
  ];
}

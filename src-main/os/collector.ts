// V8's garbage collector, called on purpose: the headless host collects everything once after its
// start, and both hosts empty the young generation just before a fire is due, so a scavenge V8
// would have started on its own does not land on the fire. `--expose-gc` can be set at run time;
// the function is then found in a new context. Where it cannot be had, collecting does nothing:
// it is an optimisation, and a timer calling it must never throw.
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

export type Collect = (options?: { type: 'major' | 'minor' }) => void;

let collect: Collect | undefined;

export function garbageCollector(): Collect {
  if (!collect) {
    let found: unknown;
    try {
      setFlagsFromString('--expose-gc');
      found = runInNewContext('gc');
    } catch {
      found = undefined;
    }
    collect = typeof found === 'function' ? (found as Collect) : () => undefined;
  }
  return collect;
}

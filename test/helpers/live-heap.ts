// The live JS heap after full garbage collections, for tests that weigh what a cache keeps.
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

export function liveHeap(): number {
  gc();
  gc();
  return process.memoryUsage().heapUsed;
}

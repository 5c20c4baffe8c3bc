// Binds every call of the contract to its feature's handler. The Handlers type checks that each
// call has exactly one handler with the contract's input and output types.
import type { Clock } from '../lib/clock';
import type { Store } from '../store';
import type { AppInfo, CallName, CallOutput, ParsedInput } from './contract';
import { createProjectHandlers } from './handlers/projects';
import { createTaskHandlers } from './handlers/tasks';
import { createTimelineHandlers } from './handlers/timeline';

export type Handlers = { [K in CallName]: (input: ParsedInput<K>) => Promise<CallOutput<K>> };

export function createHandlers(store: Store, clock: Clock, info: () => AppInfo): Handlers {
  return {
    'app.info': async () => info(),
    ...createTaskHandlers(store, clock),
    ...createProjectHandlers(store, clock),
    ...createTimelineHandlers(store),
  };
}

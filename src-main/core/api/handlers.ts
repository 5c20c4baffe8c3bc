// Binds every call of the contract to its feature's handler. The Handlers type checks that each
// call has exactly one handler with the contract's input and output types.
import type { AppInfo, CallName, CallOutput, ParsedInput } from './contract';
import type { HandlerContext } from './handlers/context';
import { createProjectHandlers } from './handlers/projects';
import { createTaskHandlers } from './handlers/tasks';
import { createTimelineHandlers } from './handlers/timeline';
import { createScheduleHandlers } from './handlers/schedules';
import { createRunHandlers } from './handlers/runs';

export type Handlers = { [K in CallName]: (input: ParsedInput<K>) => Promise<CallOutput<K>> };

export function createHandlers(context: HandlerContext, info: () => AppInfo): Handlers {
  return {
    'app.info': async () => info(),
    ...createTaskHandlers(context),
    ...createProjectHandlers(context.store, context.clock),
    ...createTimelineHandlers(context.store),
    ...createScheduleHandlers(context),
    ...createRunHandlers(context),
  };
}

// What the task.progress and context.set tools write through: a task's progress log and the next
// version of its shared context, each committed with the run's other writes (group commit).
import type { Clock } from '../lib/clock';
import type { Store } from '../store';
import type { TaskMemoryService } from '../tools/tool';

export function createTaskMemoryService(store: Store, clock: Clock): TaskMemoryService {
  return {
    async progress(entry) {
      const { id } = await store.writeSoon(() => store.taskMemory.appendProgress(entry, clock.now()));
      return { id };
    },
    async setContext(writer, change) {
      const written = await store.writeSoon(() => {
        const current = store.taskMemory.latestContext(writer.taskId)?.document ?? {};
        return store.taskMemory.writeContext({ ...writer, document: change(current) }, clock.now());
      });
      return { version: written.version, document: written.document };
    },
  };
}

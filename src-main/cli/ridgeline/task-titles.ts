// Runs carry task ids; people read titles. Each task a listing names is read once, however many
// tasks there are, so a run of any task shows its title.
import type { HostClient } from './host-client';
import { clip } from './output';

export type TitleOf = (taskId: string) => string;

/** Reads at a time: enough to hide the round trips, few enough not to crowd the host. */
const AT_ONCE = 8;

export async function taskTitles(client: HostClient, taskIds: Iterable<string>): Promise<TitleOf> {
  const wanted = [...new Set(taskIds)];
  const titles = new Map<string, string>();
  for (let i = 0; i < wanted.length; i += AT_ONCE) {
    const batch = wanted.slice(i, i + AT_ONCE);
    // A task deleted since its run was listed keeps its id.
    const read = await Promise.all(batch.map((id) => client.call('tasks.get', { id }).catch(() => undefined)));
    for (const task of read) if (task) titles.set(task.id, task.title);
  }
  return (taskId) => clip(titles.get(taskId) ?? taskId, 32);
}

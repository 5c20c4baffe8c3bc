// Runs carry task ids; people read titles. One tasks.list call names them all.
import type { HostClient } from './host-client';
import { clip } from './output';

export type TitleOf = (taskId: string) => string;

export async function taskTitles(client: HostClient): Promise<TitleOf> {
  const page = await client.call('tasks.list', { limit: 500 });
  const titles = new Map(page.items.map((t) => [t.id, t.title]));
  return (taskId) => clip(titles.get(taskId) ?? taskId, 32);
}

// How a card names the tasks its runs wait for.
/** "After: Fetch, Build" for one or two dependencies, "After 3 tasks" for more. */
export function dependencySummary(ids: readonly string[], taskTitle: (id: string) => string | undefined): string {
  if (ids.length > 2) return `After ${ids.length} tasks`;
  return `After: ${ids.map((id) => taskTitle(id) ?? 'another task').join(', ')}`;
}

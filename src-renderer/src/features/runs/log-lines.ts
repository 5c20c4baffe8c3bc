// A run's log as the board keeps it: lines fetched and lines pushed, each once, in id order.
import type { RunLogLine } from '../../api/contract-types';

/** Merges log lines into a list ordered by id, skipping ids already there. */
export function mergeLogLines(current: RunLogLine[], incoming: RunLogLine[]): RunLogLine[] {
  const known = new Set(current.map((l) => l.id));
  const fresh = incoming.filter((l) => !known.has(l.id));
  if (fresh.length === 0) return current;
  return [...current, ...fresh].sort((a, b) => a.id - b.id);
}

// A run's log as the board keeps it: lines fetched and lines pushed, each once, in id order.
import type { RunLogLine } from '../../api/contract-types';

/** Lines kept in memory per run: a chatty run can log millions; the page keeps the newest. */
export const LOG_LINE_CAP = 10_000;

/** Merges log lines into a list ordered by id, skipping ids already there, keeping the newest `cap`. */
export function mergeLogLines(current: RunLogLine[], incoming: RunLogLine[], cap = LOG_LINE_CAP): RunLogLine[] {
  const known = new Set(current.map((l) => l.id));
  const fresh = incoming.filter((l) => !known.has(l.id));
  if (fresh.length === 0 && current.length <= cap) return current;
  const merged = [...current, ...fresh].sort((a, b) => a.id - b.id);
  return merged.length > cap ? merged.slice(merged.length - cap) : merged;
}

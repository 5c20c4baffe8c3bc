// A task's actual hours (derived from its runs) beside its estimate, as the card and the form show them.

function hours(value: number): string {
  if (value < 0.1) return `${Math.round(value * 60)} min`;
  return `${Number(value.toFixed(1))} h`;
}

/** "1.5 h of 2 h estimated", "1.5 h", "0 h of 2 h estimated"; null when there is neither. */
export function hoursSummary(actual: number | null, estimate: number | null): string | null {
  if (actual === null && estimate === null) return null;
  const spent = actual === null ? '0 h' : hours(actual);
  return estimate === null ? spent : `${spent} of ${hours(estimate)} estimated`;
}

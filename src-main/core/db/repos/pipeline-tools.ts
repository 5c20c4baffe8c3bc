// The tools a stored pipeline's steps use, each once, in the order first used: what a card shows.
// Remembered by the pipeline's text, so an edited pipeline is read afresh and an unchanged one is
// not parsed on every list; bounded by the text it keeps, since a pipeline can be large.
const KEPT_CHARS = 2_000_000;

const known = new Map<string, readonly string[]>();
let keptChars = 0;

function read(pipelineJson: string): string[] {
  const steps = (JSON.parse(pipelineJson) as { steps?: unknown }).steps;
  const tools = new Set<string>();
  if (Array.isArray(steps)) {
    for (const step of steps as Array<{ uses?: unknown } | null>) {
      if (typeof step?.uses === 'string') tools.add(step.uses);
    }
  }
  return [...tools];
}

/** A fresh array each call: a card's list may be changed by whoever receives it. */
export function pipelineTools(pipelineJson: string): string[] {
  const kept = known.get(pipelineJson);
  if (kept) return [...kept];
  const tools = read(pipelineJson);
  // The oldest go first (a Map keeps insertion order) until the new text fits.
  while (keptChars + pipelineJson.length > KEPT_CHARS && known.size > 0) {
    const oldest = known.keys().next().value!;
    known.delete(oldest);
    keptChars -= oldest.length;
  }
  if (pipelineJson.length <= KEPT_CHARS) {
    known.set(pipelineJson, tools);
    keptChars += pipelineJson.length;
  }
  return [...tools];
}

// Where a validation issue's path (steps[1].with.ms) is in the pipeline text, JSON or YAML alike:
// YAML reads JSON too, and its document nodes keep their source ranges. A path that ends in a field
// the text lacks ("steps[0].uses is required") points at the deepest part that is there.
import { isMap, isScalar, isSeq, parseDocument, type Node } from 'yaml';

export interface TextRange {
  from: number;
  to: number;
}

/** "pipeline.steps[1].with.ms" as ["steps", 1, "with", "ms"]. */
export function pathSegments(path: string): (string | number)[] {
  const segments: (string | number)[] = [];
  for (const part of path.replace(/^pipeline\.?/, '').matchAll(/([^.[\]]+)|\[(\d+)\]/g)) {
    segments.push(part[2] !== undefined ? Number(part[2]) : part[1]!);
  }
  return segments;
}

function rangeOf(node: Node | null | undefined): TextRange | null {
  if (!node?.range) return null;
  return { from: node.range[0], to: node.range[1] };
}

export function rangeOfPath(text: string, path: string): TextRange | null {
  let doc;
  try {
    doc = parseDocument(text, { keepSourceTokens: false });
  } catch {
    return null;
  }
  if (doc.errors.length > 0) return null;
  let node = doc.contents as Node | null;
  let best = rangeOf(node);
  for (const segment of pathSegments(path)) {
    if (isMap(node)) {
      const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(segment));
      if (!pair) break;
      // The key is underlined when the issue is about this field; a deeper path goes on into its value.
      best = rangeOf(pair.key as Node) ?? best;
      node = (pair.value as Node | null) ?? null;
    } else if (isSeq(node) && typeof segment === 'number') {
      const item = node.items[segment] as Node | undefined;
      if (!item) break;
      node = item;
      best = rangeOf(item) ?? best;
    } else {
      break;
    }
  }
  if (!best) return null;
  // A whole step or map would underline many lines; its first line is enough to find it.
  const lineEnd = text.indexOf('\n', best.from);
  return { from: best.from, to: lineEnd !== -1 && lineEnd < best.to ? lineEnd : Math.max(best.to, best.from + 1) };
}

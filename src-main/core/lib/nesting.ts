// Input written by a person or an agent can be nested arbitrarily deep, and code that walks it
// recursively (schema checks, templates, JSON.stringify) would overflow the stack on it. Depth is
// bounded at the boundaries with this iterative walk, which cannot overflow itself.

/** How deep API input and pipelines may nest: far beyond any real pipeline or JSON Schema. */
export const MAX_NESTING = 64;

export type NestingPath = (string | number)[];

/** The path to the first value nested deeper than `limit` levels, or null when none is. */
export function tooDeepAt(value: unknown, limit: number = MAX_NESTING): NestingPath | null {
  const pending: { value: unknown; path: NestingPath }[] = [{ value, path: [] }];
  while (pending.length > 0) {
    const { value: current, path } = pending.pop()!;
    if (typeof current !== 'object' || current === null) continue;
    if (path.length >= limit) return path;
    if (Array.isArray(current)) {
      current.forEach((item, i) => pending.push({ value: item, path: [...path, i] }));
    } else {
      for (const [key, item] of Object.entries(current)) pending.push({ value: item, path: [...path, key] });
    }
  }
  return null;
}

/** A long path shortened for a message: its first steps, then how many more. */
export function describeNestingPath(path: NestingPath, shown = 6): string {
  const text = path
    .slice(0, shown)
    .reduce<string>((out, key) => (typeof key === 'number' ? `${out}[${key}]` : out ? `${out}.${key}` : key), '');
  return path.length > shown ? `${text}… (${path.length - shown} levels more)` : text;
}

export function nestingMessage(limit: number = MAX_NESTING): string {
  return `is nested more than ${limit} levels deep`;
}

/** True for V8's error when recursion runs out of stack, also when a parser wraps it in its own error. */
export function isStackOverflow(error: unknown): boolean {
  return error instanceof Error && error.message.includes('Maximum call stack size exceeded');
}

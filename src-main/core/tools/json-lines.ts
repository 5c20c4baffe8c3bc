// Coding-agent CLIs print JSON objects one per line among other text; these read them leniently.

/** The value when it is a JSON object (not an array, not null). */
export function jsonObject(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

/** The line as a JSON object, or undefined when it is anything else. */
export function jsonObjectLine(line: string): Record<string, unknown> | undefined {
  const trimmed = line.trim();
  if (!trimmed.startsWith('{')) return undefined;
  try {
    return jsonObject(JSON.parse(trimmed));
  } catch {
    return undefined;
  }
}

// Reading what a command is given as a file (a pipeline, a task) and as --param k=v pairs.
import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { usageError } from './errors';

/** A JSON or YAML file (YAML reads JSON too); "-" reads stdin. Errors name the flag (`label`), the file and the line. */
export function readDataFile(command: string, label: string, path: string): unknown {
  let text: string;
  try {
    text = readFileSync(path === '-' ? 0 : path, 'utf8');
  } catch (error) {
    throw usageError(command, `ridgeline ${command}: ${label} ${path}: ${(error as Error).message}`);
  }
  try {
    return parseYaml(text);
  } catch (error) {
    throw usageError(
      command,
      `ridgeline ${command}: ${label} ${path} is not valid JSON or YAML: ${(error as Error).message}`,
    );
  }
}

/**
 * `--param name=value` pairs. A value that reads as JSON (a number, true, false, null, a quoted
 * string, an array or an object) is taken as that; anything else is a string.
 */
export function parseParams(command: string, pairs: string[]): Record<string, unknown> | undefined {
  if (pairs.length === 0) return undefined;
  const params: Record<string, unknown> = {};
  for (const pair of pairs) {
    const eq = pair.indexOf('=');
    if (eq <= 0) {
      throw usageError(command, `ridgeline ${command}: --param "${pair}" must be written name=value.`);
    }
    const raw = pair.slice(eq + 1);
    let value: unknown = raw;
    try {
      value = JSON.parse(raw);
    } catch {
      // Not JSON: the plain text is the value.
    }
    params[pair.slice(0, eq)] = value;
  }
  return params;
}

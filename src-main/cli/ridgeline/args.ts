// Flags of one command, parsed with node's util.parseArgs; a bad flag is reported by name with the
// command it was given to, never as a stack trace.
import { parseArgs } from 'node:util';
import { usageError } from './errors';

export type FlagSpec = Record<string, { type: 'string' | 'boolean'; short?: string; multiple?: boolean }>;

/** Flags every command takes. */
export const commonFlags: FlagSpec = {
  json: { type: 'boolean' },
  'data-dir': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
};

export type FlagValues = Record<string, string | boolean | string[] | undefined>;

export interface ParsedArgs {
  values: FlagValues;
  positionals: string[];
}

function explain(error: Error & { code?: string }): string {
  const flag = /'(-[^' ]+)/.exec(error.message)?.[1];
  switch (error.code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return `Unknown flag ${flag ?? error.message}.`;
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      return flag
        ? `Flag ${flag} ${/argument missing/.test(error.message) ? 'needs a value' : 'takes no value'}.`
        : error.message;
    case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL':
      return `Unexpected argument: ${error.message}`;
    default:
      return error.message;
  }
}

export function parseFlags(command: string, argv: string[], flags: FlagSpec): ParsedArgs {
  try {
    const { values, positionals } = parseArgs({
      args: argv,
      options: { ...commonFlags, ...flags },
      allowPositionals: true,
      strict: true,
    });
    return { values: values as FlagValues, positionals };
  } catch (error) {
    throw usageError(command, `ridgeline ${command}: ${explain(error as Error & { code?: string })}`);
  }
}

export function stringFlag(values: FlagValues, name: string): string | undefined {
  const value = values[name];
  return typeof value === 'string' ? value : undefined;
}

export function listFlag(values: FlagValues, name: string): string[] {
  const value = values[name];
  return Array.isArray(value) ? value : typeof value === 'string' ? [value] : [];
}

export function intFlag(command: string, values: FlagValues, name: string): number | undefined {
  const raw = stringFlag(values, name);
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0) {
    throw usageError(command, `ridgeline ${command}: --${name} must be a whole number, not "${raw}".`);
  }
  return n;
}

/** The one positional argument a command needs, such as a task id. */
export function requiredArg(command: string, args: ParsedArgs, what: string): string {
  const [value, ...extra] = args.positionals;
  if (value === undefined) throw usageError(command, `ridgeline ${command}: the ${what} is missing.`);
  if (extra.length > 0) throw usageError(command, `ridgeline ${command}: unexpected argument "${extra[0]}".`);
  return value;
}

export function noArgs(command: string, args: ParsedArgs): void {
  if (args.positionals.length > 0) {
    throw usageError(command, `ridgeline ${command}: unexpected argument "${args.positionals[0]}".`);
  }
}

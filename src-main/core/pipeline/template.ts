// Templates in a step's `with`: `${params.x}`, `${steps.<id>.<path>}`, `${now}`, `${run.id}`,
// `${task.title}`, `${context.<path>}` (the task's shared context) and the time helpers `${time(now)}`, `${date(now)}`, `${datetime(now)}`, which read
// in the display timezone. Values go in as data: a string that is one reference becomes the value
// itself; embedded references are stringified. A reference with no value is an error, never "".
import type { SuccessCriterion } from '../model/feedback';
import { formatDateTime, formatTime } from '../lib/time-format';

export const templateRoots = ['params', 'steps', 'run', 'task', 'now', 'context'] as const;
export type TemplateRoot = (typeof templateRoots)[number];

export const timeHelpers = ['time', 'date', 'datetime'] as const;
export type TimeHelper = (typeof timeHelpers)[number];

/** What `${run.*}` and `${task.*}` can name. */
export const runFields = ['id', 'attempt', 'trigger'] as const;
export const taskFields = ['id', 'title', 'type', 'successCriteria'] as const;

export interface TemplateRef {
  /** The reference as written, `${...}` included: what error messages quote. */
  text: string;
  helper: TimeHelper | null;
  root: TemplateRoot;
  /** The path below the root: ['draft', 'text'] for `${steps.draft.text}`. */
  path: (string | number)[];
}

export type TemplatePart = string | TemplateRef;

/** The data templates and conditions read: the run context. */
export interface TemplateScope {
  params: Record<string, unknown>;
  /** Outputs of the steps run so far, by save_as or id. */
  steps: Record<string, unknown>;
  run: { id: string; attempt: number; trigger: string };
  /** successCriteria: seed 004's `{ criterion, measurable }` list (empty when the task gives none). */
  task: { id: string; title: string; type: string; successCriteria?: SuccessCriterion[] };
  /** The instant the run started, as a UTC ISO-8601 string. */
  now: string;
  /**
   * The task's shared context as the run began (what context.set steps of earlier runs wrote);
   * absent in a dry run, where references to it render as placeholders.
   */
  context?: Record<string, unknown>;
}

export interface RenderOptions {
  /** The display timezone the time helpers format in. */
  timezone: string;
  /** Prefix of error messages: the field being rendered, e.g. `steps.notify.with`. */
  where: string;
  /** Dry runs: a step output that does not exist yet renders as `<steps.x.y>` instead of failing (and the context as `<context.x>`). */
  placeholderForMissingSteps?: boolean;
}

const marker = Symbol.for('ridgeline.TemplateError');

export class TemplateError extends Error {
  readonly [marker] = true;
  override readonly name = 'TemplateError';

  constructor(
    message: string,
    /** The field that holds the template, e.g. `steps.notify.with.text`. */
    readonly field: string,
  ) {
    super(`${field}: ${message}`);
  }

  static isInstance(value: unknown): value is TemplateError {
    return typeof value === 'object' && value !== null && marker in value;
  }
}

const SEGMENT = /^[A-Za-z_][A-Za-z0-9_-]*$/;
const HELPER_CALL = /^([A-Za-z_]+)\s*\(\s*(.*?)\s*\)$/;

/** Reads a string into literal text and references; throws a plain Error on bad syntax. */
export function parseTemplate(text: string): TemplatePart[] {
  const parts: TemplatePart[] = [];
  let literal = '';
  let i = 0;
  while (i < text.length) {
    if (text.startsWith('$${', i)) {
      literal += '${';
      i += 3;
    } else if (text.startsWith('${', i)) {
      const end = text.indexOf('}', i + 2);
      if (end < 0) throw new Error(`"${text.slice(i)}" has no closing "}" (write $\${ for a literal \${)`);
      if (literal) parts.push(literal);
      literal = '';
      parts.push(parseReference(text.slice(i, end + 1)));
      i = end + 1;
    } else {
      literal += text[i];
      i += 1;
    }
  }
  if (literal) parts.push(literal);
  return parts;
}

function parseReference(text: string): TemplateRef {
  const inner = text.slice(2, -1).trim();
  const call = HELPER_CALL.exec(inner);
  if (call) {
    const name = call[1] as string;
    if (!(timeHelpers as readonly string[]).includes(name)) {
      throw new Error(`${text}: there is no helper named "${name}" (there are ${timeHelpers.join(', ')})`);
    }
    return { ...parsePath(call[2] as string, text), helper: name as TimeHelper };
  }
  return { ...parsePath(inner, text), helper: null };
}

function parsePath(expr: string, text: string): TemplateRef {
  if (!expr) throw new Error(`${text} is empty`);
  const path: (string | number)[] = [];
  for (const piece of expr.split('.')) {
    const match = /^([^[\]]*)((?:\[\d+\])*)$/.exec(piece);
    const name = match?.[1] ?? '';
    if (!match || !SEGMENT.test(name)) throw new Error(`${text}: "${expr}" is not a reference such as params.name`);
    path.push(name);
    for (const index of match[2]!.matchAll(/\[(\d+)\]/g)) path.push(Number(index[1]));
  }
  const [root, ...rest] = path;
  if (!(templateRoots as readonly unknown[]).includes(root)) {
    throw new Error(`${text}: "${String(root)}" is not one of ${templateRoots.join(', ')}`);
  }
  if (root === 'now' && rest.length > 0) throw new Error(`${text}: now has no fields`);
  if ((root === 'params' || root === 'steps') && typeof rest[0] !== 'string') {
    throw new Error(`${text}: name the ${root === 'params' ? 'param' : 'step'}, e.g. ${root}.name`);
  }
  return { text, helper: null, root: root as TemplateRoot, path: rest };
}

/** True when the value is a string holding at least one `${...}` reference. */
export function isTemplate(value: unknown): value is string {
  if (typeof value !== 'string' || !value.includes('${')) return false;
  try {
    return parseTemplate(value).some((part) => typeof part !== 'string');
  } catch {
    return true;
  }
}

/** Every string inside a value (objects and arrays walked), with its path. */
export function stringsIn(
  value: unknown,
  path: (string | number)[] = [],
): { path: (string | number)[]; text: string }[] {
  if (typeof value === 'string') return [{ path, text: value }];
  if (Array.isArray(value)) return value.flatMap((item, i) => stringsIn(item, [...path, i]));
  if (value !== null && typeof value === 'object') {
    return Object.entries(value).flatMap(([key, item]) => stringsIn(item, [...path, key]));
  }
  return [];
}

export function fieldPath(base: string, path: readonly (string | number)[]): string {
  return path.reduce<string>((out, key) => (typeof key === 'number' ? `${out}[${key}]` : `${out}.${key}`), base);
}

/** Renders every template inside a value (a step's `with`); other values are kept as they are. */
export function renderValue(value: unknown, scope: TemplateScope, options: RenderOptions): unknown {
  return renderAt(value, scope, options, []);
}

function renderAt(value: unknown, scope: TemplateScope, options: RenderOptions, path: (string | number)[]): unknown {
  if (typeof value === 'string') return renderString(value, scope, options, path);
  if (Array.isArray(value)) return value.map((item, i) => renderAt(item, scope, options, [...path, i]));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, renderAt(item, scope, options, [...path, key])]),
    );
  }
  return value;
}

function renderString(text: string, scope: TemplateScope, options: RenderOptions, path: (string | number)[]): unknown {
  if (!text.includes('${')) return text;
  const field = fieldPath(options.where, path);
  let parts: TemplatePart[];
  try {
    parts = parseTemplate(text);
  } catch (error) {
    throw new TemplateError((error as Error).message, field);
  }
  const [only] = parts;
  if (parts.length === 1 && only !== undefined && typeof only !== 'string') return resolve(only, scope, options, field);
  return parts.map((part) => (typeof part === 'string' ? part : asText(resolve(part, scope, options, field)))).join('');
}

function asText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || value === null) return String(value);
  return JSON.stringify(value);
}

function resolve(ref: TemplateRef, scope: TemplateScope, options: RenderOptions, field: string): unknown {
  const value = lookUp(ref, scope, options, field);
  if (ref.helper === null) return value;
  if (isPlaceholder(value)) return `<${ref.text.slice(2, -1)}>`;
  const at = typeof value === 'number' ? value : typeof value === 'string' ? parseInstant(value) : null;
  if (at === null || !Number.isFinite(at)) {
    throw new TemplateError(
      `${ref.text} needs a time (epoch milliseconds or an ISO-8601 date-time), but the value is ${asText(value)}`,
      field,
    );
  }
  return formatInstant(ref.helper, at, options.timezone);
}

const PLACEHOLDER = /^<(steps|context)\.[^>]*>$/;
function isPlaceholder(value: unknown): boolean {
  return typeof value === 'string' && PLACEHOLDER.test(value);
}

function lookUp(ref: TemplateRef, scope: TemplateScope, options: RenderOptions, field: string): unknown {
  const fail = (why: string): never => {
    throw new TemplateError(`${ref.text} has no value: ${why}`, field);
  };
  if (ref.root === 'now') return scope.now;
  const [head, ...below] = ref.path;
  if (ref.root === 'steps') {
    const name = String(head);
    if (!Object.hasOwn(scope.steps, name)) {
      if (options.placeholderForMissingSteps) return `<steps.${[name, ...below].join('.')}>`;
      return fail(`step "${name}" has not run before this step`);
    }
    return walk(scope.steps[name], below, (missing) =>
      scope.steps[name] === null
        ? fail(`step "${name}" has no output (it was skipped, or failed and the run continued)`)
        : fail(`the output of step "${name}" has no ${missing}`),
    );
  }
  if (ref.root === 'context') {
    if (scope.context === undefined && options.placeholderForMissingSteps)
      return `<${['context', ...ref.path].join('.')}>`;
    return walk(scope.context ?? {}, ref.path, (missing) =>
      fail(`the task's context has no ${missing} (context.set steps write it)`),
    );
  }
  const base: unknown = scope[ref.root];
  const what = ref.root === 'params' ? 'the run has no param' : `the ${ref.root} has no field`;
  return walk(base, ref.path, (missing) => fail(`${what} ${missing}`));
}

function walk(value: unknown, path: readonly (string | number)[], missing: (what: string) => never): unknown {
  let current = value;
  for (const [i, key] of path.entries()) {
    const container = current as Record<string | number, unknown> | unknown[] | null;
    const present =
      container !== null &&
      typeof container === 'object' &&
      (Array.isArray(container) ? typeof key === 'number' && key < container.length : Object.hasOwn(container, key));
    if (!present) return missing(`"${fieldPath('', path.slice(0, i + 1)).replace(/^\./, '')}"`);
    current = (container as Record<string | number, unknown>)[key];
  }
  if (current === undefined) return missing('value');
  return current;
}

const dateFormatters = new Map<string, Intl.DateTimeFormat>();

function formatInstant(helper: TimeHelper, at: number, timezone: string): string {
  switch (helper) {
    case 'time':
      return formatTime(at, timezone);
    case 'datetime':
      return formatDateTime(at, timezone);
    case 'date': {
      let f = dateFormatters.get(timezone);
      if (!f) {
        f = new Intl.DateTimeFormat('en-US', {
          timeZone: timezone,
          weekday: 'short',
          month: 'short',
          day: 'numeric',
          year: 'numeric',
        });
        dateFormatters.set(timezone, f);
      }
      return f.format(at);
    }
    default: {
      const never: never = helper;
      return never;
    }
  }
}

const ISO_INSTANT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * Epoch milliseconds of an ISO-8601 date-time with an offset, or null. Computed from the civil date
 * (days from 1970-01-01), so it reads no clock.
 */
export function parseInstant(text: string): number | null {
  const m = ISO_INSTANT.exec(text);
  if (!m) return null;
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map((n) => Number(n ?? 0)) as number[];
  if (month! < 1 || month! > 12 || day! < 1 || day! > 31 || hour! > 23 || minute! > 59 || second! > 59) return null;
  const millis = Number((m[7] ?? '0').padEnd(3, '0').slice(0, 3));
  const zone = m[8] as string;
  const offsetMinutes =
    zone === 'Z' ? 0 : (zone[0] === '-' ? -1 : 1) * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(4, 6)));
  const days = daysFromCivil(year!, month!, day!);
  return ((days * 24 + hour!) * 60 + minute! - offsetMinutes) * 60_000 + second! * 1000 + millis;
}

/** Howard Hinnant's days_from_civil: days since 1970-01-01 of a proleptic Gregorian date. */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

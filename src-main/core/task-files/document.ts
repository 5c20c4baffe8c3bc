// A task as a file document, in the shape of the gallery's templates (resources/templates/*), which
// is the tasks.create input: what a task is re-created from, without ids, status history or times.
// Also reads the Ordinaut seed's task JSON (title, schedule_kind, schedule_expr, timezone,
// payload.pipeline) as written.
import type { Task } from '../model/types';

/** The fields a task is re-created from; project and dependency ids mean nothing on another machine. */
export const documentFields = [
  'title',
  'description',
  'taskType',
  'priority',
  'status',
  'currentPhase',
  'paused',
  'schedule',
  'misfirePolicy',
  'misfireGraceMs',
  'timeoutMs',
  'concurrencyKey',
  'maxConcurrentRuns',
  'overlapPolicy',
  'retryPolicy',
  'notificationPolicy',
  'budgetUsd',
  'successCriteria',
  'tags',
  'deadline',
  'estimatedHours',
  'params',
  'wakeToRun',
  'pipeline',
] as const satisfies readonly (keyof Task)[];

/** What a gallery template adds around a task; read and left out. */
const templateFields = ['id', 'name', 'summary', 'needs', 'sampleParams'];

export function taskToDocument(task: Task): Record<string, unknown> {
  const doc: Record<string, unknown> = {};
  for (const field of documentFields) {
    const value = task[field];
    if (value === null || value === undefined) continue;
    if ((field === 'paused' || field === 'wakeToRun') && value === false) continue;
    if (field === 'params' && Object.keys(value).length === 0) continue;
    if (field === 'tags' && Array.isArray(value) && value.length === 0) continue;
    doc[field] = value;
  }
  return doc;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Seed 003's shape: snake_case schedule fields and the steps under payload.pipeline. */
function isSeedShape(doc: Record<string, unknown>): boolean {
  return 'schedule_kind' in doc || 'payload' in doc;
}

function fromSeedShape(doc: Record<string, unknown>): Record<string, unknown> {
  const { schedule_kind: kind, schedule_expr: expr, timezone, payload, ...rest } = doc;
  const pipeline = isObject(payload) ? payload.pipeline : undefined;
  return {
    ...rest,
    ...(kind !== undefined ? { schedule: { kind, expr: expr ?? null, timezone: timezone ?? null } } : {}),
    ...(pipeline !== undefined ? { pipeline: Array.isArray(pipeline) ? { steps: pipeline } : pipeline } : {}),
  };
}

export interface DocumentReading {
  /** The tasks.create input (with `paused`) the document stands for. */
  input: Record<string, unknown>;
  /** Keys that are no task field, each an issue at its path. */
  unknownKeys: string[];
}

/** The document as tasks.create input; template wrapping dropped, the seed's shape converted. */
export function readDocument(doc: Record<string, unknown>): DocumentReading {
  const converted = isSeedShape(doc) ? fromSeedShape(doc) : doc;
  const input: Record<string, unknown> = {};
  const unknownKeys: string[] = [];
  for (const [key, value] of Object.entries(converted)) {
    if ((documentFields as readonly string[]).includes(key)) input[key] = value;
    else if (!templateFields.includes(key)) unknownKeys.push(key);
  }
  return { input, unknownKeys };
}

export { isObject as isDocumentObject };

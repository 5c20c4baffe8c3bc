// The task form's values (what the user typed, as strings) and their two translations: from a task
// into the form, and from the form into a create or update input. Validation is the server's job;
// this module only maps its issues back onto the fields they belong to.
import type { ValidationIssue } from '../../api/api-error';
import type { RecoveryPolicy } from '../../lib/vocabulary';
import type {
  CallInput,
  MisfirePolicy,
  OverlapPolicy,
  Priority,
  ScheduleKind,
  SuccessCriterion,
  Task,
  TaskStatus,
} from '../../api/contract-types';
import { fromDateTimeLocal, toDateTimeLocal } from '../../lib/time';
import { parsePipeline, pipelineText } from './pipeline-text';

export interface FormValues {
  title: string;
  description: string;
  status: TaskStatus;
  priority: Priority;
  taskType: string;
  /** Comma-separated, as typed. */
  tags: string;
  projectId: string;
  scheduleKind: ScheduleKind;
  scheduleExpr: string;
  scheduleTimezone: string;
  misfirePolicy: MisfirePolicy;
  deadline: string;
  successCriteria: string;
  /** The pipeline as JSON text; parsed on save (see pipeline-field). */
  pipeline: string;
  /** Ids of the tasks each run waits for. */
  dependsOn: string[];
  overlapPolicy: OverlapPolicy;
  maxConcurrentRuns: string;
  retryAttempts: string;
  /** The first retry's delay in seconds (the API takes milliseconds). */
  retryDelaySeconds: string;
  /** Kept as the task has them (the form does not edit them), so a save does not reset them. */
  retryMaxDelayMs: number;
  retryJitter: number;
  /** After a crash: resume from the last completed step, or start a new attempt. */
  recovery: RecoveryPolicy;
  /** Wake the computer from sleep a minute before each scheduled run. */
  wakeToRun: boolean;
  /** Dollars a calendar month; empty for no limit of the task's own. */
  budgetUsd: string;
  /** A whole run's limit in minutes; empty for none. */
  timeoutMinutes: string;
  /** How late a missed run may still be caught up, in hours; empty for the 24 h default. */
  misfireGraceHours: string;
  /** Per notification kind: the settings' default, always shown, or never. */
  notify: Record<NotifyKind, NotifyChoice>;
  /** The param values stored on the task, as a JSON object. */
  params: string;
  estimatedHours: string;
  actualHours: string;
}

export const notifyKinds = ['onSuccess', 'onFailure', 'onHalt', 'onApproval', 'onBudgetWarning'] as const;
export type NotifyKind = (typeof notifyKinds)[number];
export type NotifyChoice = 'default' | 'on' | 'off';

export type FieldName = keyof FormValues;
export type FieldErrors = Partial<Record<FieldName, string>>;

export const fieldLabels: Record<FieldName, string> = {
  title: 'Title',
  description: 'Description',
  status: 'Status',
  priority: 'Priority',
  taskType: 'Task type',
  tags: 'Tags',
  projectId: 'Project',
  scheduleKind: 'Schedule',
  scheduleExpr: 'Expression',
  scheduleTimezone: 'Schedule timezone',
  misfirePolicy: 'Missed runs',
  deadline: 'Deadline',
  successCriteria: 'Success criteria',
  pipeline: 'Steps (JSON)',
  dependsOn: 'Depends on',
  overlapPolicy: 'Overlap',
  maxConcurrentRuns: 'Runs at once',
  retryAttempts: 'Attempts',
  retryDelaySeconds: 'First retry delay (s)',
  retryMaxDelayMs: 'Longest retry delay',
  retryJitter: 'Retry jitter',
  recovery: 'After a crash',
  wakeToRun: 'Wake the computer for its runs',
  budgetUsd: 'Monthly budget (USD)',
  timeoutMinutes: 'Run time limit (minutes)',
  misfireGraceHours: 'Catch up missed runs within (hours)',
  notify: 'Notifications',
  params: 'Param values (JSON)',
  estimatedHours: 'Estimate (hours)',
  actualHours: 'Actual (hours, from runs)',
};

export function valuesFromTask(task: Task | null, timeZone: string): FormValues {
  return {
    title: task?.title ?? '',
    description: task?.description ?? '',
    status: task?.status ?? 'pending',
    priority: task?.priority ?? 'normal',
    taskType: task?.taskType ?? 'general',
    tags: (task?.tags ?? []).join(', '),
    projectId: task?.projectId ?? '',
    scheduleKind: task?.schedule.kind ?? 'manual',
    scheduleExpr: task?.schedule.expr ?? '',
    scheduleTimezone: task?.schedule.timezone ?? '',
    misfirePolicy: task?.misfirePolicy ?? 'run_once',
    deadline: toDateTimeLocal(task?.deadline ?? null, timeZone),
    successCriteria: (task?.successCriteria ?? []).map(criterionLine).join('\n'),
    pipeline: pipelineText(task?.pipeline),
    dependsOn: task?.dependsOn ?? [],
    overlapPolicy: task?.overlapPolicy ?? 'skip',
    maxConcurrentRuns: String(task?.maxConcurrentRuns ?? 1),
    retryAttempts: String(task?.retryPolicy.maxAttempts ?? 3),
    retryDelaySeconds: String((task?.retryPolicy.baseDelayMs ?? 1000) / 1000),
    retryMaxDelayMs: task?.retryPolicy.maxDelayMs ?? 300_000,
    retryJitter: task?.retryPolicy.jitter ?? 0.2,
    recovery: task?.retryPolicy.recovery ?? 'resume',
    wakeToRun: task?.wakeToRun ?? false,
    budgetUsd: task?.budgetUsd?.toString() ?? '',
    timeoutMinutes: task?.timeoutMs ? String(task.timeoutMs / 60_000) : '',
    misfireGraceHours: task?.misfireGraceMs ? String(task.misfireGraceMs / 3600_000) : '',
    notify: Object.fromEntries(
      notifyKinds.map((kind) => {
        const value = task?.notificationPolicy[kind];
        return [kind, value === undefined ? 'default' : value ? 'on' : 'off'];
      }),
    ) as Record<NotifyKind, NotifyChoice>,
    params: task && Object.keys(task.params).length > 0 ? JSON.stringify(task.params, null, 2) : '',
    estimatedHours: task?.estimatedHours?.toString() ?? '',
    actualHours: task?.actualHours?.toString() ?? '',
  };
}

/** A criterion's line in the form: its text, then " => " and its measurable when it has one. */
export const MEASURE_SEPARATOR = ' => ';

function criterionLine(c: SuccessCriterion): string {
  return c.measurable ? `${c.criterion}${MEASURE_SEPARATOR}${c.measurable}` : c.criterion;
}

function criterionFromLine(line: string): SuccessCriterion {
  const at = line.indexOf(MEASURE_SEPARATOR);
  if (at < 0) return { criterion: line, measurable: null };
  return { criterion: line.slice(0, at).trim(), measurable: line.slice(at + MEASURE_SEPARATOR.length).trim() || null };
}

/** Optional number boxes: empty is null; anything else must be a number (see localErrors). */
function optionalNumber(text: string): number | null {
  return text.trim() === '' ? null : numberFrom(text);
}

const optionalNumberFields = ['budgetUsd', 'timeoutMinutes', 'misfireGraceHours', 'estimatedHours'] as const;

/** The param values text as an object, or why it is not one. */
export function paramValuesFrom(text: string): { values: Record<string, unknown> } | { error: string } {
  if (!text.trim()) return { values: {} };
  try {
    const parsed: unknown = JSON.parse(text);
    if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) {
      return { values: parsed as Record<string, unknown> };
    }
    return { error: 'Param values must be a JSON object, such as {"repo": "ridgeline"}' };
  } catch (error) {
    return { error: `Param values are not valid JSON: ${error instanceof Error ? error.message : String(error)}` };
  }
}

/** A number field's text as a number, or null when it is not one. */
function numberFrom(text: string): number | null {
  const n = Number(text.trim());
  return text.trim() !== '' && Number.isFinite(n) ? n : null;
}

const numberFields = ['maxConcurrentRuns', 'retryAttempts', 'retryDelaySeconds'] as const;

/** What must be fixed before a save can even be sent: number fields that hold no number. */
export function localErrors(values: FormValues): FieldErrors {
  const errors: FieldErrors = {};
  for (const field of numberFields) {
    if (numberFrom(values[field]) === null) errors[field] = `${fieldLabels[field]} must be a number`;
  }
  for (const field of optionalNumberFields) {
    if (values[field].trim() !== '' && numberFrom(values[field]) === null) {
      errors[field] = `${fieldLabels[field]} must be a number, or empty`;
    }
  }
  const params = paramValuesFrom(values.params);
  if ('error' in params) errors.params = params.error;
  return errors;
}

/**
 * The fields of a create or update input; the deadline's wall-clock time is read in `timeZone`.
 * The pipeline text must already parse (the form checks it before saving).
 */
export function taskFieldsFrom(values: FormValues, timeZone: string): CallInput<'tasks.create'> {
  const manual = values.scheduleKind === 'manual';
  const parsed = parsePipeline(values.pipeline);
  const paramValues = paramValuesFrom(values.params);
  return {
    title: values.title,
    description: values.description,
    status: values.status,
    priority: values.priority,
    taskType: values.taskType,
    tags: values.tags
      .split(',')
      .map((tag) => tag.trim())
      .filter(Boolean),
    projectId: values.projectId || null,
    schedule: {
      kind: values.scheduleKind,
      // A manual schedule has no expression; the field is disabled, so what it holds is not sent.
      expr: manual ? null : values.scheduleExpr.trim() || null,
      timezone: values.scheduleTimezone.trim() || null,
    },
    misfirePolicy: values.misfirePolicy,
    // An unreadable value goes as typed so the server's message explains it.
    deadline: values.deadline ? (fromDateTimeLocal(values.deadline, timeZone) ?? values.deadline) : null,
    successCriteria: values.successCriteria
      .split('\n')
      .map((line) => line.trim())
      .filter(Boolean)
      .map(criterionFromLine),
    ...('pipeline' in parsed ? { pipeline: parsed.pipeline } : {}),
    dependsOn: values.dependsOn,
    overlapPolicy: values.overlapPolicy,
    // The numbers must already parse (see localErrors); the server checks their ranges.
    maxConcurrentRuns: numberFrom(values.maxConcurrentRuns) ?? 1,
    retryPolicy: {
      maxAttempts: numberFrom(values.retryAttempts) ?? 3,
      baseDelayMs: Math.round((numberFrom(values.retryDelaySeconds) ?? 1) * 1000),
      maxDelayMs: values.retryMaxDelayMs,
      jitter: values.retryJitter,
      recovery: values.recovery,
    },
    wakeToRun: values.wakeToRun,
    budgetUsd: optionalNumber(values.budgetUsd),
    timeoutMs: scaled(values.timeoutMinutes, 60_000),
    misfireGraceMs: scaled(values.misfireGraceHours, 3600_000),
    notificationPolicy: Object.fromEntries(
      notifyKinds.filter((k) => values.notify[k] !== 'default').map((k) => [k, values.notify[k] === 'on']),
    ),
    params: 'values' in paramValues ? paramValues.values : {},
    estimatedHours: optionalNumber(values.estimatedHours),
  };
}

/** A duration box in minutes or hours as milliseconds (null when empty). */
function scaled(text: string, unitMs: number): number | null {
  const n = optionalNumber(text);
  return n === null ? null : Math.round(n * unitMs);
}

// Longest first, so "schedule.expr" wins over "schedule".
const issuePaths: [string, FieldName][] = [
  ['notificationPolicy', 'notify'],
  ['misfireGraceMs', 'misfireGraceHours'],
  ['estimatedHours', 'estimatedHours'],
  ['budgetUsd', 'budgetUsd'],
  ['timeoutMs', 'timeoutMinutes'],
  ['params', 'params'],
  ['retryPolicy.maxAttempts', 'retryAttempts'],
  ['retryPolicy.baseDelayMs', 'retryDelaySeconds'],
  ['retryPolicy.maxDelayMs', 'retryDelaySeconds'],
  ['maxConcurrentRuns', 'maxConcurrentRuns'],
  ['schedule.timezone', 'scheduleTimezone'],
  ['schedule.timezone', 'scheduleTimezone'],
  ['schedule.expr', 'scheduleExpr'],
  ['schedule.kind', 'scheduleKind'],
  ['successCriteria', 'successCriteria'],
  ['tags', 'tags'],
  ['misfirePolicy', 'misfirePolicy'],
  ['description', 'description'],
  ['pipeline', 'pipeline'],
  ['projectId', 'projectId'],
  ['overlapPolicy', 'overlapPolicy'],
  ['retryPolicy', 'retryAttempts'],
  ['schedule', 'scheduleKind'],
  ['dependsOn', 'dependsOn'],
  ['wakeToRun', 'wakeToRun'],
  ['priority', 'priority'],
  ['deadline', 'deadline'],
  ['taskType', 'taskType'],
  ['status', 'status'],
  ['title', 'title'],
];

/** The form field an issue's path belongs to, or null when no field owns it. */
export function fieldFor(path: string): FieldName | null {
  for (const [prefix, field] of issuePaths) {
    if (path === prefix || path.startsWith(`${prefix}.`) || path.startsWith(`${prefix}[`)) return field;
  }
  return null;
}

/**
 * A server message as a sentence: "is required" reads as "Title is required", "minute field '61' is
 * out of range" as "Minute field '61' is out of range"; a message that is already one stays as it is.
 */
export function readableIssue(subject: string, message: string): string {
  if (/^(is|are|must|should|cannot|can't|has|have|would|was|needs?)\b/.test(message)) {
    return `${subject} ${message}`;
  }
  return message.charAt(0).toUpperCase() + message.slice(1);
}

function sentence(field: FieldName, issue: ValidationIssue): string {
  const line = /^successCriteria\[(\d+)\]/.exec(issue.path);
  // "pipeline.steps[0].uses" reads as "steps[0].uses is required".
  if (field === 'pipeline')
    return readableIssue(issue.path.replace(/^pipeline\.?/, '') || 'The pipeline', issue.message);
  // The API counts delays in milliseconds; the form asks for seconds.
  if (field === 'retryDelaySeconds')
    return readableIssue(
      fieldLabels[field],
      issue.message.replace(/\d+/g, (ms) => `${Number(ms) / 1000} s`),
    );
  // The API counts these in milliseconds; the form asks for minutes and hours.
  if (field === 'timeoutMinutes' || field === 'misfireGraceHours') {
    const unit = field === 'timeoutMinutes' ? 60_000 : 3600_000;
    const word = field === 'timeoutMinutes' ? 'minutes' : 'hours';
    const message = issue.message
      .replace(/\s*\(\d+ ms\)/g, '')
      .replace(/(\d{4,}) ?(ms|milliseconds)?/g, (_m, ms: string) => `${Number(ms) / unit} ${word}`);
    return readableIssue(fieldLabels[field], message);
  }
  if (field === 'params')
    return readableIssue(issue.path === 'params' ? fieldLabels.params : issue.path, issue.message);
  return readableIssue(line ? `Line ${Number(line[1]) + 1}` : fieldLabels[field], issue.message);
}

/** Splits a validation error's issues into per-field messages and the ones no field owns. */
export function errorsFromIssues(issues: ValidationIssue[]): { fields: FieldErrors; unplaced: string[] } {
  const fields: FieldErrors = {};
  const unplaced: string[] = [];
  for (const issue of issues) {
    const field = fieldFor(issue.path);
    if (!field) {
      unplaced.push(issue.path ? `${issue.path}: ${issue.message}` : issue.message);
      continue;
    }
    const text = sentence(field, issue);
    fields[field] = fields[field] ? `${fields[field]} ${text}` : text;
  }
  return { fields, unplaced };
}

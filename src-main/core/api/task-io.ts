// Inputs and outputs of the calls that drive tasks from outside the board: tasks.trigger (the one
// way a CLI, an MCP client or a webhook starts a run), a task's webhook, and tasks as files.
import { z } from 'zod';

const id = z.string().min(1, 'is required').max(100);
const paramValues = z.record(z.string(), z.unknown());

/** `params` override the task's stored values for this run; `trigger` says who asked (manual or agent). */
export const taskTriggerInput = z.object({
  id,
  params: paramValues.optional(),
  trigger: z.enum(['manual', 'agent']).default('manual'),
});

export const webhookActions = ['status', 'enable', 'rotate', 'disable'] as const;
export const taskWebhookInput = z.object({ id, action: z.enum(webhookActions).default('status') });

export interface WebhookInfo {
  taskId: string;
  enabled: boolean;
  /** Where to POST, on the host's address: /hooks/<task id>. */
  path: string;
  /** The header that carries `sha256=<hex HMAC-SHA256 of the body>`. */
  header: string;
  /** Only in the answer to enable and rotate: the secret is shown this once. */
  secret?: string;
}

/** A webhook delivery as the host received it: the raw body (text) and its signature header. */
export const webhookReceiveInput = z.object({
  id,
  body: z.string().max(1024 * 1024, 'must be at most 1 MiB'),
  signature: z.string().max(500).optional(),
});
export const taskExportInput = z
  .object({
    ids: z.array(id).min(1).max(1000).optional(),
    projectId: id.optional(),
  })
  .default({});

export interface TaskExport {
  /** YAML: one document per task, each in the shape of a gallery template. */
  yaml: string;
  count: number;
}

export const taskImportInput = z.object({
  yaml: z
    .string()
    .min(1, 'is required')
    .max(5 * 1024 * 1024, 'must be at most 5 MiB'),
  /** Named in every issue, so a person importing several files knows which one is wrong. */
  file: z.string().max(1000).optional(),
  /** Check everything and create nothing. */
  dryRun: z.boolean().default(false),
  /** The project the imported tasks join. */
  projectId: id.optional(),
});

export interface TaskImportIssue {
  file: string | null;
  /** Which YAML document of the text (0 for the first). */
  document: number;
  title: string | null;
  path: string;
  message: string;
}

export interface TaskImportResult {
  ok: boolean;
  dryRun: boolean;
  /** The tasks created (none on a dry run or when anything is wrong: import is all or nothing). */
  created: { id: string; title: string }[];
  issues: TaskImportIssue[];
}

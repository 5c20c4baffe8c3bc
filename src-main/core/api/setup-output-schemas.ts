// Output schemas of the calls that set Ridgeline up on a machine: importing MCP client configs, waking
// the computer for runs, checking a template's needs and testing one step.
import { z } from 'zod';
import type { TemplateCheck } from './template-needs-io';
import type { TestStepResult } from './test-step-io';
import { templateNeedKinds } from '../model/templates';
import type { McpImportResult } from './mcp-import-io';
import { mcpTransports } from '../settings/schema';
import type { WakeStatus } from './wake-io';
import { exactly, instant } from './output-schema-kit';

export const mcpImportOutput = exactly<McpImportResult>()(
  z.strictObject({
    applied: z.boolean(),
    source: z.string(),
    added: z.array(
      z.strictObject({
        name: z.string(),
        from: z.string(),
        transport: z.enum(mcpTransports),
        command: z.string().optional(),
        args: z.array(z.string()),
        url: z.string().optional(),
        env: z.array(z.string()),
        headers: z.array(z.string()),
        secrets: z.array(z.strictObject({ name: z.string(), path: z.string() })),
      }),
    ),
    renamed: z.array(z.strictObject({ from: z.string(), to: z.string(), reason: z.string() })),
    refused: z.array(z.strictObject({ name: z.string(), path: z.string(), message: z.string() })),
  }),
);

export const wakeStatusOutput = exactly<WakeStatus>()(
  z.strictObject({
    available: z.boolean(),
    method: z.string().nullable(),
    reason: z.string().nullable(),
    remedy: z.string().nullable(),
    armed: z.strictObject({ wakeAt: instant, runAt: instant, taskId: z.string(), title: z.string() }).nullable(),
    lastError: z.string().nullable(),
  }),
);

export const templateCheckOutput = exactly<TemplateCheck>()(
  z.strictObject({
    id: z.string(),
    ready: z.boolean(),
    needs: z.array(
      z.strictObject({
        kind: z.enum(templateNeedKinds),
        name: z.string(),
        why: z.string(),
        met: z.boolean(),
        found: z.string(),
        howTo: z.string().nullable(),
        settingsHash: z.string().nullable(),
      }),
    ),
  }),
);

export const testStepOutput = exactly<TestStepResult>()(
  z.strictObject({
    stepId: z.string(),
    uses: z.string(),
    input: z.unknown(),
    ok: z.boolean(),
    output: z.unknown(),
    error: z.string().nullable(),
    timedOut: z.boolean(),
    durationMs: z.number(),
    logs: z.array(z.strictObject({ stream: z.enum(['stdout', 'stderr', 'system']), message: z.string() })),
  }),
);

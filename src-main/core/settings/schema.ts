// The settings schema, shared by both hosts: the desktop host keeps the values with electron-store,
// the headless host reads and writes the same file through the same schema. Every field has a
// default, so an empty file is a valid one.
import { z } from 'zod';
import { isValidTimeZone } from '../lib/time-format';

const clockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time of day such as 22:00');

/** A spending limit in US dollars; null (no limit) is the way to turn one off. */
const usdLimit = z
  .number({ error: 'must be an amount in dollars, such as 5 or 12.50, or empty for no limit' })
  .positive('must be more than $0 (leave it empty for no limit)')
  .max(1_000_000, 'must be at most $1,000,000');

export const providerIds = ['anthropic', 'openai', 'groq', 'ollama', 'openai_compatible'] as const;
export type ProviderId = (typeof providerIds)[number];

export const providerSettingsSchema = z.object({
  /** Overrides the provider's default endpoint (required for openai_compatible). */
  baseUrl: z.url({ message: 'must be a URL such as http://127.0.0.1:1234/v1' }).optional(),
  defaultModel: z.string().min(1).optional(),
  /** The SecretStore name of the API key; defaults to "<provider>_api_key". */
  apiKeySecret: z.string().min(1).optional(),
});

export const mcpTransports = ['stdio', 'http', 'sse'] as const;

export const mcpServerSchema = z
  .object({
    name: z.string().regex(/^[a-z][a-z0-9_-]{0,39}$/, 'must be lower case letters, digits, _ or -'),
    /** stdio: a local process (the default); http: Streamable HTTP at `url`; sse: the older HTTP+SSE transport at `url`. */
    transport: z.enum(mcpTransports, { error: `must be one of ${mcpTransports.join(', ')}` }).default('stdio'),
    command: z.string().min(1, 'is required').optional(),
    args: z.array(z.string()).default([]),
    cwd: z.string().optional(),
    /** Plain environment variables for the server. */
    env: z.record(z.string(), z.string()).default({}),
    /** Environment variables filled from the SecretStore: variable name -> secret name. */
    secretEnv: z.record(z.string(), z.string()).default({}),
    url: z.url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL' }).optional(),
    /** Plain request headers for a remote server. */
    headers: z.record(z.string(), z.string()).default({}),
    /** Request headers filled from the SecretStore: header name -> secret name. */
    secretHeaders: z.record(z.string(), z.string()).default({}),
  })
  .superRefine((server, ctx) => {
    if (server.transport === 'stdio') {
      if (server.command === undefined) ctx.addIssue({ code: 'custom', path: ['command'], message: 'is required' });
      if (server.url !== undefined) {
        ctx.addIssue({ code: 'custom', path: ['url'], message: 'is for remote servers; set transport to http or sse' });
      }
    } else if (server.url === undefined) {
      ctx.addIssue({ code: 'custom', path: ['url'], message: `is required for transport ${server.transport}` });
    }
  });

export const notificationKinds = [
  'run_succeeded',
  'run_failed',
  'run_halted',
  'approval_needed',
  'budget_warning',
  'missed_runs',
  'scheduler_stalled',
  'deadline',
] as const;
export type NotificationKind = (typeof notificationKinds)[number];

/** The shape this build writes; core/settings/migrations.ts brings older files up to it. */
export const SETTINGS_VERSION = 2;

export const settingsSchema = z.object({
  /** Set by migrations; never written by hand. */
  schemaVersion: z.literal(SETTINGS_VERSION, { message: `must be ${SETTINGS_VERSION}` }).default(SETTINGS_VERSION),
  displayTimezone: z
    .string()
    .refine(isValidTimeZone, { message: 'is not an IANA time zone such as America/Denver' })
    .default('America/Denver'),
  maxConcurrentRuns: z
    .number({ error: 'must be a number of runs' })
    .int('must be a whole number of runs')
    .min(1, 'must be at least 1 run')
    .max(64, 'must be at most 64 runs')
    .default(4),
  quietHours: z
    .object({ enabled: z.boolean().default(false), start: clockTime.default('22:00'), end: clockTime.default('07:00') })
    .prefault({}),
  /** Which notifications are shown when a task says nothing (a task's own policy wins). */
  notifications: z
    .object({
      run_succeeded: z.boolean().default(false),
      run_failed: z.boolean().default(true),
      run_halted: z.boolean().default(true),
      approval_needed: z.boolean().default(true),
      budget_warning: z.boolean().default(true),
      missed_runs: z.boolean().default(true),
      scheduler_stalled: z.boolean().default(true),
      deadline: z.boolean().default(true),
    })
    .prefault({}),
  budgets: z
    .object({
      dailyUsd: usdLimit.nullable().default(null),
      monthlyUsd: usdLimit.nullable().default(null),
    })
    .prefault({}),
  launchAtLogin: z.boolean().default(false),
  providers: z.partialRecord(z.enum(providerIds), providerSettingsSchema).default({}),
  mcpServers: z.array(mcpServerSchema).default([]),
  /** Folders file.read and file.write may touch (besides a project's work directory). */
  fileRoots: z.array(z.string().min(1)).default([]),
  /** Finished runs older than this are deleted with their logs, checkpoints and events. */
  retention: z.object({ finishedRunDays: z.number().int().min(1).max(3650).default(90) }).prefault({}),
  /** Daily copies of the database in <dataDir>/backups; the newest `keep` are kept. */
  backups: z.object({ keep: z.number().int().min(1).max(365).default(7) }).prefault({}),
  /** A run's log stops growing at either limit; a marker line says how much was dropped. */
  runLog: z
    .object({
      maxLines: z.number().int().min(100).default(10_000),
      maxBytes: z
        .number()
        .int()
        .min(10_000)
        .default(5 * 1024 * 1024),
    })
    .prefault({}),
  /** A task with a deadline and no successful run is at risk this many hours before it. */
  deadlines: z
    .object({
      atRiskHours: z
        .number({ error: 'must be a number of hours' })
        .min(0, 'must be 0 hours or more')
        .max(24 * 365, 'must be at most 8760 hours (a year)')
        .default(24),
    })
    .prefault({}),
  /** Set once the first start offered the templates gallery. */
  galleryOffered: z.boolean().default(false),
});

export type SettingsValues = z.output<typeof settingsSchema>;

/** Sections a patch may give in part: the keys it leaves out keep their values. */
export const partialSettingsSections = [
  'quietHours',
  'notifications',
  'budgets',
  'retention',
  'backups',
  'runLog',
  'deadlines',
] as const;
type PartialSection = (typeof partialSettingsSections)[number];

/** What settings.update takes: any top-level fields, and the partial sections in part. */
export type SettingsPatch = Partial<Omit<SettingsValues, 'schemaVersion' | PartialSection | 'mcpServers'>> & {
  [K in PartialSection]?: Partial<SettingsValues[K]>;
} & {
  /** Each server as written, its defaults (transport, args, env, headers) filled in when saved. */
  mcpServers?: z.input<typeof mcpServerSchema>[];
};

export function defaultSettings(): SettingsValues {
  return settingsSchema.parse({});
}

// A coding agent's permission envelope: what a step lets its agent do, in the CLI's own terms
// (Claude Code's --allowedTools and --permission-mode, Codex's --sandbox and --ask-for-approval,
// Goose's GOOSE_MODE), checked when the task is saved. Also: how an agent asking for more is seen in
// its output (a permission denial, an approval request, a prompt nobody will answer), and how an
// approval widens the envelope for the rest of the run.
import { z } from 'zod';
import type { AgentCli } from './agent-clis';
import { jsonObject, jsonObjectLine } from './json-lines';

export const claudePermissionModes = ['default', 'acceptEdits', 'plan', 'bypassPermissions'] as const;
export const codexSandboxes = ['read-only', 'workspace-write', 'danger-full-access'] as const;
export const codexApprovalPolicies = ['untrusted', 'on-failure', 'on-request', 'never'] as const;
export const gooseModes = ['auto', 'approve', 'smart_approve', 'chat'] as const;

const toolRule = z
  .string()
  .min(1)
  .refine(
    (rule) => !rule.includes(',') || /\(.*,.*\)/.test(rule),
    'one tool per entry, such as Read or Bash(npm test)',
  );

export const agentPermissions = z
  .object({
    /** Claude Code: the tools it may use without asking, such as Read, Edit or Bash(npm test). */
    allowed_tools: z.array(toolRule).optional(),
    permission_mode: z.enum(claudePermissionModes).optional(),
    /** Codex: where commands may write, and when it would ask. */
    sandbox: z.enum(codexSandboxes).optional(),
    ask_for_approval: z.enum(codexApprovalPolicies).optional(),
    /** Goose: GOOSE_MODE. */
    goose_mode: z.enum(gooseModes).optional(),
  })
  .strict();
export type AgentPermissions = z.output<typeof agentPermissions>;
type PermissionField = keyof AgentPermissions;

const FIELDS: Record<AgentCli, readonly PermissionField[]> = {
  claude: ['allowed_tools', 'permission_mode'],
  codex: ['sandbox', 'ask_for_approval'],
  goose: ['goose_mode'],
  aider: [],
  custom: [],
};

const ownerOf = (field: PermissionField): AgentCli =>
  (Object.keys(FIELDS) as AgentCli[]).find((cli) => FIELDS[cli].includes(field)) ?? 'custom';

/** What is wrong with an envelope for `cli`: fields of another CLI, or values left to a template. */
export function permissionIssues(cli: AgentCli, permissions: AgentPermissions): { path: string[]; message: string }[] {
  const issues: { path: string[]; message: string }[] = [];
  if (JSON.stringify(permissions).includes('${')) {
    issues.push({
      path: [],
      message: 'must be written out, not a template: what an agent may do is fixed when the task is saved',
    });
  }
  const takes = FIELDS[cli].length > 0 ? FIELDS[cli].join(', ') : 'no permission settings';
  for (const field of Object.keys(permissions) as PermissionField[]) {
    if (FIELDS[cli].includes(field)) continue;
    issues.push({ path: [field], message: `is a ${ownerOf(field)} setting; ${cli} takes ${takes}` });
  }
  return issues;
}

export interface EnvelopeFlags {
  /** Global flags, before the CLI's subcommand: codex takes --ask-for-approval only before `exec`. */
  leading: string[];
  /** Flags after the subcommand's own arguments. */
  args: string[];
  env: Record<string, string>;
}

/** The CLI flags and environment variables that put the envelope in force. */
export function envelopeFlags(cli: AgentCli, permissions: AgentPermissions): EnvelopeFlags {
  const leading: string[] = [];
  const args: string[] = [];
  const env: Record<string, string> = {};
  if (cli === 'claude') {
    if (permissions.allowed_tools) args.push('--allowedTools', permissions.allowed_tools.join(','));
    if (permissions.permission_mode) args.push('--permission-mode', permissions.permission_mode);
  }
  if (cli === 'codex') {
    if (permissions.sandbox) args.push('--sandbox', permissions.sandbox);
    if (permissions.ask_for_approval) leading.push('--ask-for-approval', permissions.ask_for_approval);
  }
  if (cli === 'goose' && permissions.goose_mode) env.GOOSE_MODE = permissions.goose_mode;
  return { leading, args, env };
}

/** The envelope in words, for the run log, the board and the approval's question. */
export function describeEnvelope(cli: AgentCli, permissions: AgentPermissions): string {
  const parts: string[] = [];
  if (permissions.allowed_tools) {
    parts.push(
      permissions.allowed_tools.length > 0 ? `may use ${permissions.allowed_tools.join(', ')}` : 'may use no tool',
    );
  }
  if (permissions.permission_mode) parts.push(`permission mode ${permissions.permission_mode}`);
  if (permissions.sandbox) parts.push(`sandbox ${permissions.sandbox}`);
  if (permissions.ask_for_approval) parts.push(`asks for approval: ${permissions.ask_for_approval}`);
  if (permissions.goose_mode) parts.push(`mode ${permissions.goose_mode}`);
  return parts.length > 0 ? parts.join('; ') : `${cli}'s own defaults`;
}

/** What an agent asked for beyond its envelope, and what approving it grants for the run. */
export interface PermissionRequest {
  cli: AgentCli;
  /** Each thing asked for, as a person reads it: "Bash(npm test)", "run: rm -rf build". */
  asked: string[];
  /** The grant: Claude Code tool rules to allow, the Codex sandbox to run in, the Goose mode. */
  grant: { allowed_tools?: string[]; sandbox?: (typeof codexSandboxes)[number]; goose_mode?: 'auto' };
}

const permissionRequest = z.object({
  cli: z.string(),
  asked: z.array(z.string()),
  grant: z.object({
    allowed_tools: z.array(z.string()).optional(),
    sandbox: z.enum(codexSandboxes).optional(),
    goose_mode: z.literal('auto').optional(),
  }),
});

/** The envelope with every approved request's grant added. */
export function widenedEnvelope(permissions: AgentPermissions, granted: readonly unknown[]): AgentPermissions {
  const widened: AgentPermissions = { ...permissions };
  for (const raw of granted) {
    const parsed = permissionRequest.safeParse(raw);
    if (!parsed.success) continue;
    const { grant } = parsed.data;
    if (grant.allowed_tools) {
      widened.allowed_tools = [...new Set([...(widened.allowed_tools ?? []), ...grant.allowed_tools])];
    }
    if (
      grant.sandbox &&
      codexSandboxes.indexOf(grant.sandbox) > codexSandboxes.indexOf(widened.sandbox ?? 'read-only')
    ) {
      widened.sandbox = grant.sandbox;
    }
    if (grant.goose_mode) widened.goose_mode = grant.goose_mode;
  }
  return widened;
}

/** Text that asks a person at a terminal to answer: seen with no output after it, nobody will. */
const PROMPT_TEXT =
  /(\[y\/n\]|\(y\/n\)|\[y\/N\]|\[Y\/n\]|\(yes\/no\)|do you want to (proceed|continue|allow|run|make this edit)|allow (this|once|always)\b|press enter|waiting for (your )?(approval|confirmation|input)|approve\?)/i;

/** The request a line of output makes, if any (a denial or an approval request in the CLI's format). */
export function requestInLine(cli: AgentCli, line: string): PermissionRequest | undefined {
  const json = jsonObjectLine(line);
  if (!json) return undefined;
  if (cli === 'claude') return claudeRequest(json);
  if (cli === 'codex') return codexRequest(json);
  return undefined;
}

/** A prompt for a person, for the stall watch: the request it stands for once nothing follows it. */
export function promptInLine(cli: AgentCli, line: string): PermissionRequest | undefined {
  const text = line.trim();
  if (!PROMPT_TEXT.test(text)) return undefined;
  return {
    cli,
    asked: [`answer the prompt "${text.slice(0, 200)}"`],
    grant: cli === 'goose' ? { goose_mode: 'auto' } : {},
  };
}

// `claude -p` never waits for a permission: it refuses the tool, goes on, and lists what it refused
// in its result's permission_denials ({ tool_name, tool_use_id, tool_input }). In stream-json output
// a refused call also comes back as a tool_result saying it "requested permissions to use" the tool.
function claudeRequest(json: Record<string, unknown>): PermissionRequest | undefined {
  const denials = Array.isArray(json.permission_denials) ? json.permission_denials : [];
  const rules = denials
    .map((denial) => claudeRule(jsonObject(denial)))
    .filter((rule): rule is string => rule !== undefined);
  if (rules.length === 0) {
    const said = /requested permissions to use (\w+)/.exec(JSON.stringify(json.message ?? ''));
    if (said?.[1]) rules.push(said[1]);
  }
  if (rules.length === 0) return undefined;
  const unique = [...new Set(rules)];
  return { cli: 'claude', asked: unique, grant: { allowed_tools: unique } };
}

function claudeRule(denial: Record<string, unknown> | undefined): string | undefined {
  if (!denial || typeof denial.tool_name !== 'string') return undefined;
  const command = jsonObject(denial.tool_input)?.command;
  // A shell command is granted as itself, not as the whole Bash tool.
  return denial.tool_name === 'Bash' && typeof command === 'string' ? `Bash(${command})` : denial.tool_name;
}

// Codex's event stream carries exec_approval_request { command } and apply_patch_approval_request
// when its approval policy makes it ask; headless, nobody answers them.
function codexRequest(json: Record<string, unknown>): PermissionRequest | undefined {
  const event = jsonObject(json.msg) ?? json;
  if (event.type === 'exec_approval_request') {
    const command = Array.isArray(event.command) ? event.command.join(' ') : String(event.command ?? 'a command');
    return { cli: 'codex', asked: [`run: ${command}`], grant: { sandbox: 'danger-full-access' } };
  }
  if (event.type === 'apply_patch_approval_request') {
    return { cli: 'codex', asked: ['edit files'], grant: { sandbox: 'workspace-write' } };
  }
  return undefined;
}

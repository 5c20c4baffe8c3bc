// Runs the inbox tests answer, each brought to a halt through the real headless host: a verifier
// unsure of a draft (a loopback OpenAI-compatible model server), a task over its budget (the same
// server, priced by a price table in the data directory), and a coding agent's diff (a fake
// `claude` CLI on the host's PATH, since the real one cannot run here, editing a file in the worktree
// the step gives it, followed by an approval step).
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { APIRequestContext } from '@playwright/test';
import type { HeadlessHost } from '../../helpers/headless-host';
import { startLlmServer, type LlmServer } from '../../helpers/llm-servers';
import { apiCall } from './api';

export const verdictSchema = {
  type: 'object',
  properties: {
    pass: { type: 'boolean' },
    confidence: { type: 'number', minimum: 0, maximum: 1 },
    issues: { type: 'array', items: { type: 'string' } },
  },
  required: ['pass', 'confidence', 'issues'],
  additionalProperties: false,
};

/** The file the coding agent is asked to tidy, as committed in the project's repository. */
const CLEANUP_BEFORE = [
  'import { listBranches } from "./git";',
  '',
  '// Stale branches are those untouched for `days` days.',
  'export async function cleanup(days: number) {',
  '  const stale = await listBranches({ olderThanDays: days });',
  '  // TODO remove merged branches',
  "  return { removed: merged.length, note: 'done' };",
  '}',
  '',
].join('\n');

/** What the agent changes: one line out, two in, so the worktree's diff reads `+2 −1`. */
const AGENT_EDIT = {
  from: '  // TODO remove merged branches\n',
  to: '  // Only merged branches are removed; the rest are reported.\n  const merged = stale.filter((b) => b.merged);\n',
};

/** A host whose data directory prices the loopback model at $10 per million output tokens. */
export async function useLoopbackModel(request: APIRequestContext, host: HeadlessHost): Promise<LlmServer> {
  const llm = await startLlmServer('chat-completions');
  writeFileSync(
    join(host.dataDir, 'prices.json'),
    JSON.stringify({
      unit: 'USD per million tokens',
      providers: { openai_compatible: { 'local-model': { input: 1, output: 10 } } },
    }),
  );
  await apiCall(request, host, 'settings.update', {
    providers: { openai_compatible: { baseUrl: llm.baseUrl, defaultModel: 'local-model' } },
  });
  return llm;
}

async function runNow(
  request: APIRequestContext,
  host: HeadlessHost,
  input: Parameters<typeof apiCall<'tasks.create'>>[3],
) {
  const task = await apiCall(request, host, 'tasks.create', input);
  const run = await apiCall(request, host, 'tasks.runNow', { id: task.id });
  return { task, run };
}

/** A drafter, then a verifier 55% sure of it (below the 70% bar), then a file write. */
export async function lowConfidenceHalt(request: APIRequestContext, host: HeadlessHost, llm: LlmServer) {
  llm.reply(
    { kind: 'text', text: 'Cleaned 3 stale branches and pruned the cache.', usage: { input: 4200, output: 900 } },
    {
      kind: 'json',
      value: { pass: true, confidence: 0.55, issues: ['the branch names are not listed'] },
      usage: { input: 6100, output: 1700 },
    },
  );
  const dir = mkdtempSync(join(tmpdir(), 'ridgeline-inbox-'));
  await apiCall(request, host, 'settings.update', { fileRoots: [dir] });
  return runNow(request, host, {
    title: 'Branch cleanup report',
    pipeline: {
      steps: [
        { id: 'draft', uses: 'llm.generate', role: 'drafter', with: { prompt: 'Report on the cleanup' } },
        {
          id: 'verify',
          uses: 'llm.structured',
          role: 'verifier',
          with: { prompt: 'Does this report name every branch? ${steps.draft.text}', schema: verdictSchema },
        },
        {
          id: 'save',
          uses: 'file.write',
          role: 'executor',
          with: { path: join(dir, 'report.txt'), content: '${steps.draft.text}' },
        },
      ],
    },
  });
}

/** The first call spends $5.02 of a $5.00 task budget, so the second step is not run. */
export async function budgetHalt(request: APIRequestContext, host: HeadlessHost, llm: LlmServer) {
  llm.reply(
    { kind: 'text', text: 'Drafted the migration plan.', usage: { input: 0, output: 502_000 } },
    { kind: 'text', text: 'Reviewed.', usage: { input: 0, output: 1000 } },
  );
  return runNow(request, host, {
    title: 'Migration planner',
    budgetUsd: 5,
    pipeline: {
      steps: [
        { id: 'plan', uses: 'llm.generate', with: { prompt: 'Plan the migration' } },
        { id: 'review', uses: 'llm.generate', with: { prompt: 'Review ${steps.plan.text}' } },
      ],
    },
  });
}

/**
 * A directory holding a fake `claude` that, like `claude -p --output-format json`, edits the
 * repository it is started in (the step's worktree) and answers with its report and cost.
 */
export function fakeClaudeOnPath(): string {
  const bin = mkdtempSync(join(tmpdir(), 'ridgeline-fake-agent-'));
  const script = join(bin, 'claude');
  const report = {
    type: 'result',
    result: 'Only merged branches are removed now; the others are reported.',
    total_cost_usd: 0.42,
    is_error: false,
    session_id: 's-1',
    usage: { input_tokens: 1200, output_tokens: 300 },
  };
  const body = [
    "const fs = require('node:fs');",
    "const file = 'src/cleanup.ts';",
    `fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace(${JSON.stringify(AGENT_EDIT.from)}, ${JSON.stringify(AGENT_EDIT.to)}));`,
    `process.stdout.write(${JSON.stringify(JSON.stringify(report))});`,
  ];
  writeFileSync(script, `#!${process.execPath}\n${body.join('\n')}\n`);
  chmodSync(script, 0o755);
  return bin;
}

/** A project's repository with one commit holding the file the agent is to tidy. */
function choresRepository(): string {
  const repo = mkdtempSync(join(tmpdir(), 'ridgeline-repo-'));
  mkdirSync(join(repo, 'src'));
  writeFileSync(join(repo, 'src', 'cleanup.ts'), CLEANUP_BEFORE);
  const git = (...args: string[]) =>
    execFileSync('git', ['-c', 'user.name=Test', '-c', 'user.email=test@localhost', ...args], { cwd: repo });
  git('init', '-q');
  git('add', '.');
  git('commit', '-q', '-m', 'First version of the cleanup');
  return repo;
}

/** A coding-agent step in a project's repository, then an approval step asking to apply its diff. */
export async function agentDiffHalt(request: APIRequestContext, host: HeadlessHost) {
  const repo = choresRepository();
  const project = await apiCall(request, host, 'projects.create', { name: 'Chores repo', workDir: repo });
  const started = await runNow(request, host, {
    title: 'Nightly coding chore',
    projectId: project.id,
    pipeline: {
      steps: [
        { id: 'code', uses: 'agent.run', role: 'executor', with: { cli: 'claude', prompt: 'Tidy the cleanup code' } },
        { id: 'apply', uses: 'approval.request', with: { question: 'Apply this change?', expires_in: '12h' } },
      ],
    },
  });
  return { ...started, repo, committedCleanup: CLEANUP_BEFORE };
}

export async function runStatus(request: APIRequestContext, host: HeadlessHost, id: string): Promise<string> {
  return (await apiCall(request, host, 'runs.get', { id })).run.status;
}

export async function runLogText(request: APIRequestContext, host: HeadlessHost, id: string): Promise<string> {
  return (await apiCall(request, host, 'runs.get', { id })).logs.map((l) => l.message).join('\n');
}

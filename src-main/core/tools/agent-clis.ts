// How each coding-agent CLI is run headless and how its output is read: the argv for a prompt, and
// the final answer, token usage and cost it reports (when it reports them).
import { jsonObject, jsonObjectLine } from './json-lines';

export const agentClis = ['claude', 'codex', 'goose', 'aider', 'custom'] as const;
export type AgentCli = (typeof agentClis)[number];

export interface AgentUsage {
  inputTokens: number;
  outputTokens: number;
  /** What the CLI says the run cost; undefined when it reports tokens only. */
  costUsd?: number;
  metadata?: Record<string, unknown>;
}

export interface AgentReport {
  /** The agent's final answer, or its whole output when the CLI has no structured form. */
  result: string;
  usage?: AgentUsage;
  /** The model the CLI says it used. */
  model?: string;
  sessionId?: string;
  /** Set when the output itself says the run failed (Claude Code's is_error, Codex's turn.failed). */
  error?: string;
}

export interface AgentCliPreset {
  program: string;
  argv(prompt: string, model: string | undefined, extraArgs: string[]): string[];
  parse(stdout: string): AgentReport;
}

/** The report of a CLI without a structured form: its output is the answer, and no usage is known. */
export const plainText = (stdout: string): AgentReport => ({ result: stdout.trim() });

export const agentCliPresets: Record<Exclude<AgentCli, 'custom'>, AgentCliPreset> = {
  // `claude -p <prompt> --output-format json` prints one JSON object: result, total_cost_usd,
  // usage { input_tokens, output_tokens, cache_* }, session_id, is_error, modelUsage { <model>: ... }.
  claude: {
    program: 'claude',
    argv: (prompt, model, extra) => [
      '-p',
      prompt,
      '--output-format',
      'json',
      ...(model ? ['--model', model] : []),
      ...extra,
    ],
    parse: parseClaude,
  },
  // `codex exec --json <prompt>` prints JSONL thread events: thread.started { thread_id },
  // item.completed { item: { type: 'agent_message', text } }, turn.completed { usage: { input_tokens,
  // cached_input_tokens, output_tokens } } once per turn, turn.failed / error { message }. It reports
  // tokens but no cost, so the run is priced from the price table.
  codex: {
    program: 'codex',
    argv: (prompt, model, extra) => ['exec', '--json', ...(model ? ['--model', model] : []), ...extra, prompt],
    parse: parseCodex,
  },
  // `goose run -t <prompt>` prints the conversation as text and reports no usage.
  goose: {
    program: 'goose',
    argv: (prompt, _model, extra) => ['run', '-t', prompt, ...extra],
    parse: plainText,
  },
  // Aider prints "Tokens: 2.1k sent, 345 received. Cost: $0.01 message, $0.02 session." after each
  // message; with --no-auto-commits the repository work is left to the pipeline's git steps.
  aider: {
    program: 'aider',
    argv: (prompt, model, extra) => [
      '--message',
      prompt,
      '--yes-always',
      '--no-auto-commits',
      ...(model ? ['--model', model] : []),
      ...extra,
    ],
    parse: parseAider,
  },
};

/** A custom command gets its args followed by the prompt as the last argument. */
export function customArgv(prompt: string, extraArgs: string[]): string[] {
  return [...extraArgs, prompt];
}

function parseClaude(stdout: string): AgentReport {
  const parsed = lastJsonObject(stdout);
  if (!parsed) return plainText(stdout);
  const usage = jsonObject(parsed.usage);
  const models = Object.keys(jsonObject(parsed.modelUsage) ?? {});
  const cost = numberOr(parsed.total_cost_usd);
  const report: AgentReport = { result: typeof parsed.result === 'string' ? parsed.result : stdout.trim() };
  if (usage || cost !== undefined) {
    report.usage = {
      inputTokens: numberOr(usage?.input_tokens) ?? 0,
      outputTokens: numberOr(usage?.output_tokens) ?? 0,
      ...(cost !== undefined ? { costUsd: cost } : {}),
      metadata: {
        cache_creation_input_tokens: numberOr(usage?.cache_creation_input_tokens) ?? 0,
        cache_read_input_tokens: numberOr(usage?.cache_read_input_tokens) ?? 0,
        num_turns: numberOr(parsed.num_turns) ?? null,
      },
    };
  }
  if (models[0]) report.model = models[0];
  if (typeof parsed.session_id === 'string') report.sessionId = parsed.session_id;
  if (parsed.is_error === true) report.error = report.result || String(parsed.subtype ?? 'error');
  return report;
}

function parseCodex(stdout: string): AgentReport {
  let result = '';
  let input = 0;
  let cached = 0;
  let output = 0;
  let turns = 0;
  const report: AgentReport = { result: '' };
  for (const line of stdout.split('\n')) {
    const event = jsonObjectLine(line);
    if (!event) continue;
    const item = jsonObject(event.item);
    if (event.type === 'thread.started' && typeof event.thread_id === 'string') report.sessionId = event.thread_id;
    if (event.type === 'item.completed' && item?.type === 'agent_message' && typeof item.text === 'string') {
      result = item.text;
    }
    if (event.type === 'turn.completed') {
      const usage = jsonObject(event.usage);
      turns += 1;
      input += numberOr(usage?.input_tokens) ?? 0;
      cached += numberOr(usage?.cached_input_tokens) ?? 0;
      output += numberOr(usage?.output_tokens) ?? 0;
    }
    if (event.type === 'turn.failed' || event.type === 'error') {
      const message = jsonObject(event.error)?.message ?? event.message;
      report.error = typeof message === 'string' ? message : 'codex reported an error';
    }
  }
  report.result = result;
  if (turns > 0) {
    report.usage = { inputTokens: input, outputTokens: output, metadata: { cached_input_tokens: cached, turns } };
  }
  return report;
}

const AIDER_TOKENS = /^Tokens: (.+?)\. Cost: \$([\d.]+) message, \$([\d.]+) session\./;

function parseAider(stdout: string): AgentReport {
  let input = 0;
  let output = 0;
  let sessionCost: number | undefined;
  let messages = 0;
  for (const line of stdout.split('\n')) {
    const match = AIDER_TOKENS.exec(line.trim());
    if (!match) continue;
    messages += 1;
    // "2.1k sent, 1.5k cache write, 345 received": cache counts are part of what was sent.
    for (const part of (match[1] as string).split(',')) {
      const count = /^\s*([\d.]+)([kKmM]?) (sent|received)$/.exec(part);
      if (!count) continue;
      const unit = (count[2] as string).toLowerCase();
      const value = Math.round(Number(count[1]) * (unit === 'k' ? 1_000 : unit === 'm' ? 1_000_000 : 1));
      if (count[3] === 'sent') input += value;
      else output += value;
    }
    sessionCost = Number(match[3]);
  }
  const report = plainText(stdout);
  if (messages > 0) {
    report.usage = {
      inputTokens: input,
      outputTokens: output,
      ...(sessionCost !== undefined ? { costUsd: sessionCost } : {}),
      metadata: { messages },
    };
  }
  return report;
}

/** The last line of the output that is a JSON object (CLIs may print warnings before it). */
function lastJsonObject(stdout: string): Record<string, unknown> | undefined {
  const whole = jsonObjectLine(stdout);
  if (whole) return whole;
  const lines = stdout.split('\n');
  for (let i = lines.length - 1; i >= 0; i--) {
    const parsed = jsonObjectLine(lines[i] as string);
    if (parsed) return parsed;
  }
  return undefined;
}

function numberOr(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

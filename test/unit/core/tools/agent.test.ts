// agent.run with real child processes. The real coding-agent CLIs cannot run here (no accounts, no
// network), so test/fixtures/fake-agent-cli.mjs stands in for them: wrappers named claude, codex,
// goose and aider on a temp PATH run it, and it prints what each real CLI prints in headless mode.
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { agentRun, agentRunInput } from '../../../../src-main/core/tools/agent';
import { ToolError, type ToolContext } from '../../../../src-main/core/tools/tool';
import { makeTempDir } from '../../../helpers/temp-dir';
import { testContext, failureOf } from './tool-context';

const fixture = resolve(__dirname, '../../../fixtures/fake-agent-cli.mjs');

function installFakeClis(): string {
  const bin = makeTempDir('ridgeline-bin-');
  for (const cli of ['claude', 'codex', 'goose', 'aider']) {
    const wrapper = join(bin, cli);
    writeFileSync(wrapper, `#!/bin/sh\nexec '${process.execPath}' '${fixture}' ${cli} "$@"\n`);
    chmodSync(wrapper, 0o755);
  }
  return bin;
}

const bin = installFakeClis();

function setup(options: { secrets?: Record<string, string>; beforeCall?: () => void } = {}) {
  const workDir = makeTempDir('ridgeline-agent-');
  const record = join(makeTempDir(), 'record.json');
  const made = testContext({
    project: { id: 'p1', name: 'Site', workDir, repoUrl: null, config: {} },
    ...options,
  });
  const env = (mode = 'ok') => ({
    PATH: `${bin}:${process.env.PATH}`,
    FAKE_AGENT_RECORD: record,
    FAKE_AGENT_MODE: mode,
  });
  const recorded = () =>
    JSON.parse(readFileSync(record, 'utf8')) as { argv: string[]; cwd: string; env: Record<string, string> };
  return { workDir, record, env, recorded, ...made };
}

const run = (input: Record<string, unknown>, context: ToolContext) =>
  agentRun.execute(agentRunInput.parse(input), context);

describe('agent.run', () => {
  it('runs Claude Code headless in the project work directory and records the cost it reports', async () => {
    const key = 'sk-ant-planted-key-0123456789';
    process.env.HOST_ONLY_SECRET = 'must-not-leak';
    try {
      const { workDir, env, recorded, context, usage, lines } = setup({ secrets: { anthropic_api_key: key } });
      const prompt = 'Fix the typo; $(rm -rf ~) `id` "quoted"';
      const result = await run(
        {
          cli: 'claude',
          prompt,
          model: 'sonnet',
          args: ['--max-turns', '5'],
          env: env(),
          secret_env: { ANTHROPIC_API_KEY: 'anthropic_api_key' },
        },
        context,
      );
      const call = recorded();
      expect(call.argv).toEqual(['-p', prompt, '--output-format', 'json', '--model', 'sonnet', '--max-turns', '5']);
      expect(call.cwd).toBe(workDir);
      expect(call.env.ANTHROPIC_API_KEY).toBe(key);
      expect(call.env.HOST_ONLY_SECRET).toBeUndefined();
      expect(result).toMatchObject({
        cli: 'claude',
        exit_code: 0,
        result: 'Fixed the typo in README.md',
        session_id: '5f2c8e1a-0b7d-4c3e-9a61-2d4f8b0c7e93',
        usage: { input_tokens: 1200, output_tokens: 340, cost_usd: 0.0421 },
      });
      expect(usage).toEqual([
        {
          provider: 'claude',
          model: 'claude-sonnet-4-5',
          operation: 'agent.run',
          inputTokens: 1200,
          outputTokens: 340,
          costUsd: 0.0421,
          latencyMs: expect.any(Number),
          success: true,
          metadata: {
            cache_creation_input_tokens: 300,
            cache_read_input_tokens: 5000,
            num_turns: 4,
            session_id: '5f2c8e1a-0b7d-4c3e-9a61-2d4f8b0c7e93',
          },
        },
      ]);
      // The CLI's output streams to the run log as it comes.
      expect(lines.some((l) => l.stream === 'stdout' && l.message.includes('"total_cost_usd":0.0421'))).toBe(true);
      expect(JSON.stringify(lines)).not.toContain(key);
    } finally {
      delete process.env.HOST_ONLY_SECRET;
    }
  });

  it('asks the usage meter first, and a budget halt stops the CLI from starting', async () => {
    const halt = new ToolError('halt', 'the daily budget would be crossed');
    const { env, record, context } = setup({
      beforeCall: () => {
        throw halt;
      },
    });
    const error = await failureOf(run({ cli: 'claude', prompt: 'anything', env: env() }, context));
    expect(error).toBe(halt);
    expect(existsSync(record)).toBe(false);
  });

  it('records the cost of a run that failed, and the error quotes what the agent said', async () => {
    const { env, context, usage } = setup();
    const error = await failureOf(run({ cli: 'claude', prompt: 'edit', env: env('error') }, context));
    expect(error.kind).toBe('retryable');
    expect(error.message).toBe('claude exited with code 1: Could not apply the edit: file is locked');
    expect(usage).toHaveLength(1);
    expect(usage[0]).toMatchObject({
      costUsd: 0.0421,
      success: false,
      error: 'Could not apply the edit: file is locked',
    });
  });

  it('treats an exit code listed in permanent_exit_codes as permanent', async () => {
    const { env, context } = setup();
    const retryable = await failureOf(run({ cli: 'goose', prompt: 'x', env: env('exit3') }, context));
    expect(retryable.kind).toBe('retryable');
    const permanent = await failureOf(
      run({ cli: 'goose', prompt: 'x', env: env('exit3'), permanent_exit_codes: [3] }, context),
    );
    expect(permanent.kind).toBe('permanent');
    expect(permanent.details.exit_code).toBe(3);
  });

  it("adds up Aider's token lines and takes its session cost", async () => {
    const { env, recorded, context, usage } = setup();
    const result = await run({ cli: 'aider', prompt: 'add a test', model: 'sonnet', env: env() }, context);
    expect(recorded().argv).toEqual([
      '--message',
      'add a test',
      '--yes-always',
      '--no-auto-commits',
      '--model',
      'sonnet',
    ]);
    expect(result.usage).toEqual({ input_tokens: 4_600, output_tokens: 350, cost_usd: 0.03 });
    expect(result.result).toContain('Applied edit to hello.py');
    expect(usage[0]).toMatchObject({ provider: 'aider', model: 'sonnet', inputTokens: 4_600, costUsd: 0.03 });
  });

  it("adds up Codex's turn usage, keeps its last message, and leaves the price to the price table", async () => {
    const { env, recorded, context, usage } = setup();
    const result = await run({ cli: 'codex', prompt: 'make the tests pass', env: env() }, context);
    expect(recorded().argv).toEqual(['exec', '--json', 'make the tests pass']);
    expect(result).toMatchObject({
      result: 'All tests pass now',
      session_id: '0199a213-81c0-7800-8aa1-bbab2a035a53',
      usage: { input_tokens: 3_000, output_tokens: 200, cost_usd: null },
    });
    expect(usage[0]).toMatchObject({ provider: 'codex', model: 'default', inputTokens: 3_000, outputTokens: 200 });
    expect(usage[0]).not.toHaveProperty('costUsd');
  });

  it('runs Goose and custom commands, recording no usage when none is reported', async () => {
    const { env, recorded, context, usage } = setup();
    const goose = await run({ cli: 'goose', prompt: 'tidy up', env: env() }, context);
    expect(recorded().argv).toEqual(['run', '-t', 'tidy up']);
    expect(goose).toMatchObject({ result: 'goose says: done', usage: null });
    const custom = await run(
      { cli: 'custom', command: join(bin, 'goose'), args: ['--flag'], prompt: 'the prompt', env: env() },
      context,
    );
    expect(recorded().argv).toEqual(['--flag', 'the prompt']);
    expect(custom.result).toBe('goose says: done');
    expect(usage).toEqual([]);
    expect(agentRunInput.safeParse({ cli: 'custom', prompt: 'x' }).error?.issues[0]).toMatchObject({
      path: ['command'],
      message: 'is required when cli is custom',
    });
  });

  it('stops an agent that runs past its timeout', async () => {
    const { env, context } = setup();
    const started = Date.now();
    const error = await failureOf(run({ cli: 'claude', prompt: 'x', env: env('hang'), timeout_ms: 300 }, context));
    expect(error.kind).toBe('timeout');
    expect(Date.now() - started).toBeLessThan(3_000);
  });

  it('fails permanently when a secret is missing or there is no work directory', async () => {
    const { env, context } = setup();
    const missing = await failureOf(
      run({ cli: 'claude', prompt: 'x', env: env(), secret_env: { ANTHROPIC_API_KEY: 'anthropic_api_key' } }, context),
    );
    expect(missing.kind).toBe('permanent');
    expect(missing.message).toBe('secret_env.ANTHROPIC_API_KEY: secret "anthropic_api_key" is not set');
    const noProject = testContext();
    const noDir = await failureOf(run({ cli: 'claude', prompt: 'x', env: env() }, noProject.context));
    expect(noDir.message).toContain('work_dir: is required');
  });
});

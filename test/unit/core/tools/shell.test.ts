// shell.exec against real child processes: argv passed as data, the environment allowlist, live
// output, exit codes, and whole-process-group teardown on timeout, cancellation and exit.
import { mkdtempSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { shellExec } from '../../../../src-main/core/tools/shell';
import { KILL_GRACE_MS } from '../../../../src-main/core/tools/process-tree';
import { processIsGone, testContext, failureOf } from './tool-context';

const node = process.execPath;
const fixture = resolve(__dirname, '../../../fixtures/spawn-grandchildren.mjs');

function readPids(file: string): number[] {
  const { child, grandchildren } = JSON.parse(readFileSync(file, 'utf8')) as { child: number; grandchildren: number[] };
  return [child, ...grandchildren];
}

async function expectAllGone(pids: number[]): Promise<void> {
  const deadline = Date.now() + 3_000;
  while (!pids.every(processIsGone) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 25));
  expect(pids.filter((pid) => !processIsGone(pid))).toEqual([]);
}

const leftovers: number[] = [];
afterEach(() => {
  // A failing test must not leave sleepers behind on the machine.
  for (const pid of leftovers.splice(0)) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
});

describe('shell.exec', () => {
  it('passes argv elements to the program as data, never through a shell', async () => {
    const args = ['a b', '"quoted" \'too\'', '$(rm -rf /)', '; echo pwned', '`id`', '*', '$HOME'];
    const { context } = testContext();
    const result = await shellExec.execute(
      { argv: [node, '-e', 'console.log(JSON.stringify(process.argv.slice(1)))', ...args] },
      context,
    );
    expect(JSON.parse(result.stdout)).toEqual(args);
    expect(result.exit_code).toBe(0);
  });

  it('does not pass host variables outside the allowlist, but passes the step env', async () => {
    process.env.SECRET_TOKEN = 'leak-me';
    process.env.RIDGELINE_SECRET_OPENAI = 'leak-me-too';
    try {
      const { context } = testContext();
      const result = await shellExec.execute(
        { argv: [node, '-e', 'console.log(JSON.stringify(process.env))'], env: { STEP_VAR: 'from the step' } },
        context,
      );
      const env = JSON.parse(result.stdout) as Record<string, string>;
      expect(env.SECRET_TOKEN).toBeUndefined();
      expect(env.RIDGELINE_SECRET_OPENAI).toBeUndefined();
      expect(env.STEP_VAR).toBe('from the step');
      expect(env.PATH).toBe(process.env.PATH);
      expect(result.stdout).not.toContain('leak-me');
    } finally {
      delete process.env.SECRET_TOKEN;
      delete process.env.RIDGELINE_SECRET_OPENAI;
    }
  });

  it('streams output lines to the log while the program runs, in order, joining partial writes', async () => {
    const script = `
      const out = (s) => process.stdout.write(s);
      out('one\\npar'); setTimeout(() => { out('tial\\r\\n'); process.stderr.write('warn 1\\n'); }, 30);
      setTimeout(() => { out('two\\nlast line without newline'); }, 60);
      setTimeout(() => {}, 400);`;
    const loggedAt: Record<string, number> = {};
    const { context, messages } = testContext({ onLog: (line) => (loggedAt[line.message] = Date.now()) });
    const result = await shellExec.execute({ argv: [node, '-e', script] }, context);
    const finishedAt = Date.now();
    expect(messages('stdout')).toEqual(['one', 'partial', 'two', 'last line without newline']);
    expect(messages('stderr')).toEqual(['warn 1']);
    expect(result.stdout).toBe('one\npartial\r\ntwo\nlast line without newline');
    // Logged live: the first line reached the log long before the program exited.
    expect(finishedAt - (loggedAt.one ?? finishedAt)).toBeGreaterThan(250);
  });

  it('feeds stdin to the program', async () => {
    const { context } = testContext();
    const result = await shellExec.execute(
      { argv: [node, '-e', 'process.stdin.pipe(process.stdout)'], stdin: 'hello' },
      context,
    );
    expect(result.stdout).toBe('hello');
  });

  it('runs in the given working directory and refuses a missing one as permanent', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ridgeline-shell-'));
    const { context } = testContext();
    const result = await shellExec.execute({ argv: [node, '-e', 'console.log(process.cwd())'], cwd: dir }, context);
    expect(result.stdout.trim()).toBe(dir);
    const error = await failureOf(shellExec.execute({ argv: [node, '-v'], cwd: join(dir, 'missing') }, context));
    expect(error.kind).toBe('permanent');
    expect(error.message).toContain('working directory not found');
  });

  it('treats a non-zero exit as retryable, with the exit code and the tail of stderr', async () => {
    const { context } = testContext();
    const error = await failureOf(
      shellExec.execute({ argv: [node, '-e', 'console.error("disk full"); process.exit(3)'] }, context),
    );
    expect(error.kind).toBe('retryable');
    expect(error.message).toBe(`${node} exited with code 3`);
    expect(error.details).toMatchObject({ exit_code: 3, stderr_tail: 'disk full\n' });
  });

  it('treats an exit code listed in permanent_exit_codes as permanent', async () => {
    const { context } = testContext();
    const error = await failureOf(
      shellExec.execute({ argv: [node, '-e', 'process.exit(3)'], permanent_exit_codes: [2, 3] }, context),
    );
    expect(error.kind).toBe('permanent');
    expect(error.details.exit_code).toBe(3);
  });

  it('reports a program that does not exist as permanent', async () => {
    const { context } = testContext();
    const error = await failureOf(shellExec.execute({ argv: ['ridgeline-no-such-program', '--help'] }, context));
    expect(error.kind).toBe('permanent');
    expect(error.message).toBe('program not found: ridgeline-no-such-program');
  });

  it('caps captured output at 1 MiB per stream and says so', async () => {
    const { context, lines } = testContext();
    const result = await shellExec.execute(
      { argv: [node, '-e', 'process.stdout.write("x".repeat(1536 * 1024))'] },
      context,
    );
    expect(result.stdout.startsWith('x'.repeat(1024 * 1024) + '\n[output truncated: 524288 more bytes')).toBe(true);
    expect(lines.filter((l) => l.stream === 'system' && l.level === 'warn')).toHaveLength(1);
  });

  it('kills the program and both grandchildren when the step times out', async () => {
    const pidFile = join(mkdtempSync(join(tmpdir(), 'ridgeline-shell-')), 'pids.json');
    const { context } = testContext();
    const error = await failureOf(shellExec.execute({ argv: [node, fixture, pidFile], timeout_ms: 1_500 }, context));
    expect(error.kind).toBe('timeout');
    expect(error.message).toContain('timed out after 1500 ms');
    const pids = readPids(pidFile);
    leftovers.push(...pids);
    await expectAllGone(pids);
  });

  it('kills the program and both grandchildren when the step is cancelled', async () => {
    const pidFile = join(mkdtempSync(join(tmpdir(), 'ridgeline-shell-')), 'pids.json');
    const abort = new AbortController();
    const { context } = testContext({ signal: abort.signal, onLog: (l) => l.message === 'ready' && abort.abort() });
    const startedAt = Date.now();
    const error = await failureOf(shellExec.execute({ argv: [node, fixture, pidFile] }, context));
    expect(error.kind).toBe('cancelled');
    const pids = readPids(pidFile);
    leftovers.push(...pids);
    await expectAllGone(pids);
    // Processes that honour SIGTERM are not made to wait out the SIGKILL grace period.
    expect(Date.now() - startedAt).toBeLessThan(KILL_GRACE_MS);
  });

  it('sends SIGKILL after the grace period to processes that ignore SIGTERM', async () => {
    const pidFile = join(mkdtempSync(join(tmpdir(), 'ridgeline-shell-')), 'pids.json');
    const abort = new AbortController();
    let abortedAt = 0;
    const { context } = testContext({
      signal: abort.signal,
      onLog: (l) => {
        if (l.message !== 'ready') return;
        abortedAt = Date.now();
        abort.abort();
      },
    });
    const error = await failureOf(shellExec.execute({ argv: [node, fixture, pidFile, '--ignore-term'] }, context));
    expect(error.kind).toBe('cancelled');
    expect(Date.now() - abortedAt).toBeGreaterThanOrEqual(KILL_GRACE_MS - 50);
    const pids = readPids(pidFile);
    leftovers.push(...pids);
    await expectAllGone(pids);
  });

  it('does not hang on, or leave running, a background process left holding the output pipe', async () => {
    const script = `
      const gc = require('node:child_process').spawn(process.execPath, ['-e', 'setInterval(() => {}, 1e6)'], { stdio: 'inherit' });
      gc.unref();
      console.log(gc.pid);`;
    const { context } = testContext();
    const startedAt = Date.now();
    const result = await shellExec.execute({ argv: [node, '-e', script] }, context);
    const grandchild = Number(result.stdout.trim());
    leftovers.push(grandchild);
    expect(Date.now() - startedAt).toBeLessThan(KILL_GRACE_MS);
    await expectAllGone([grandchild]);
  });

  it('does not start the program when the step is already cancelled', async () => {
    const abort = new AbortController();
    abort.abort();
    const { context } = testContext({ signal: abort.signal });
    const marker = join(mkdtempSync(join(tmpdir(), 'ridgeline-shell-')), 'ran');
    const error = await failureOf(
      shellExec.execute({ argv: [node, '-e', `require('fs').writeFileSync(${JSON.stringify(marker)}, '')`] }, context),
    );
    expect(error.kind).toBe('cancelled');
    expect(existsSync(marker)).toBe(false);
  });
});

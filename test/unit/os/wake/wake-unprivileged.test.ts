import { execFileSync } from 'node:child_process';
import { chmodSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { fakePrograms } from '../../../helpers/fake-programs';
import { makeTempDir } from '../../../helpers/temp-dir';

// A wakealarm file that this user cannot write: root writes any file, so when the tests run as
// root the adapter runs in a child process as the unprivileged user nobody (65534), compiled to
// plain JavaScript for it. rtcwake and sudo are fakes on PATH (see helpers/fake-programs).
const source = join(__dirname, '../../../../src-main/os/wake');
const at = Date.parse('2026-12-05T15:29:00Z');
const asRoot = process.getuid?.() === 0;

function compiledAdapter(): string {
  const out = makeTempDir('ridgeline-wake-js-');
  for (const name of readdirSync(source).filter((f) => f.endsWith('.ts'))) {
    const { outputText } = ts.transpileModule(readFileSync(join(source, name), 'utf8'), {
      compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 },
    });
    writeFileSync(join(out, name.replace(/\.ts$/, '.js')), outputText);
  }
  chmodSync(out, 0o755);
  return out;
}

/** Runs capability() and then arm(at) as an unprivileged user; returns what each said. */
function runUnprivileged(env: NodeJS.ProcessEnv, wakealarmPath: string): { capability: unknown; armed: string } {
  const adapter = compiledAdapter();
  const program = `
    const { createOsWakeScheduler } = require(${JSON.stringify(join(adapter, 'os-wake-scheduler.js'))});
    const wake = createOsWakeScheduler({
      platform: 'linux', uid: process.getuid(), userName: 'ada', env: ${JSON.stringify(env)},
      wakealarmPath: ${JSON.stringify(wakealarmPath)}, timeZone: () => 'UTC',
    });
    (async () => {
      const capability = await wake.capability();
      const armed = await wake.arm(${at}).then(() => 'armed', (e) => String(e.message));
      process.stdout.write(JSON.stringify({ capability, armed }));
    })();`;
  const output = execFileSync(process.execPath, ['-e', program], {
    encoding: 'utf8',
    ...(asRoot ? { uid: 65534, gid: 65534, cwd: '/' } : {}),
  });
  return JSON.parse(output) as { capability: unknown; armed: string };
}

function lockedWakealarm(): string {
  const dir = makeTempDir();
  chmodSync(dir, 0o755);
  const file = join(dir, 'wakealarm');
  writeFileSync(file, '');
  chmodSync(file, 0o444);
  return file;
}

function openFakes(names: string[]) {
  const fakes = fakePrograms(names);
  chmodSync(fakes.dir, 0o777);
  return fakes;
}

describe('the wake adapter on Linux for a user who cannot write the wakealarm file', () => {
  it('sets the wake with rtcwake through sudo -n when sudo allows it without a password', () => {
    const fakes = openFakes(['rtcwake', 'sudo']);
    const file = lockedWakealarm();
    const result = runUnprivileged(fakes.env, file);
    expect(result.capability).toEqual({
      available: true,
      method: 'rtcwake, through sudo without a password',
      reason: null,
      remedy: null,
    });
    expect(result.armed).toBe('armed');
    expect(fakes.calls().at(-1)).toEqual(['sudo', '-n', 'rtcwake', '-m', 'no', '-t', '1796484540']);
    expect(readFileSync(file, 'utf8')).toBe('');
  });

  it('says why not and what to do when sudo asks for a password, and arms nothing', () => {
    const fakes = openFakes(['rtcwake', 'sudo']);
    fakes.answer('sudo-l', { code: 1, stderr: 'sudo: a password is required' });
    const file = lockedWakealarm();
    const result = runUnprivileged(fakes.env, file);
    expect(result.capability).toEqual({
      available: false,
      method: null,
      reason: `${file} can be written only by root, and sudo asks for a password to run rtcwake`,
      remedy: expect.stringContaining('"ada ALL=(root) NOPASSWD: /usr/sbin/rtcwake"'),
    });
    expect(result.armed).toBe(`${file} can be written only by root, and sudo asks for a password to run rtcwake`);
    expect(fakes.calls().filter(([name, flag]) => name === 'rtcwake' && flag === '-m')).toEqual([]);
  });
});

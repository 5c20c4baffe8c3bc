// A real git checkout in a temp directory with work in progress (a staged change, an unstaged change
// and an untracked file), a fingerprint of everything a person would lose if a tool touched it, and
// wrappers for the fake coding-agent CLIs (test/fixtures/fake-coding-agent.mjs) on a temp PATH.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { makeTempDir } from './temp-dir';

const fixture = resolve(__dirname, '../fixtures/fake-coding-agent.mjs');

export const git = (dir: string, ...args: string[]): string =>
  execFileSync('git', args, { cwd: dir, encoding: 'utf8', env: { ...process.env, GIT_TERMINAL_PROMPT: '0' } });

/** A checkout on main with one commit and uncommitted work of every kind. */
export function makeDirtyCheckout(): string {
  const dir = makeTempDir('ridgeline-checkout-');
  git(dir, 'init', '-q', '-b', 'main');
  git(dir, 'config', 'user.email', 'dev@example.com');
  git(dir, 'config', 'user.name', 'Dev');
  mkdirSync(join(dir, 'src'));
  writeFileSync(join(dir, 'README.md'), 'Project\n');
  writeFileSync(join(dir, 'src', 'app.js'), 'console.log(1);\n');
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '-m', 'first');
  writeFileSync(join(dir, 'README.md'), 'Project, being edited\n');
  writeFileSync(join(dir, 'src', 'app.js'), 'console.log(2);\n');
  git(dir, 'add', 'src/app.js');
  writeFileSync(join(dir, 'notes.txt'), 'my untracked notes\n');
  return dir;
}

function filesUnder(root: string, dir = root): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (dir === root && entry.name === '.git') continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) found.push(...filesUnder(root, path));
    else found.push(path);
  }
  return found.sort();
}

/** Every file (untracked too) with its bytes, what is staged, the status, HEAD and the branch. */
export function checkoutFingerprint(dir: string): string {
  const hash = createHash('sha256');
  for (const file of filesUnder(dir)) hash.update(`${relative(dir, file)}\0`).update(readFileSync(file));
  for (const args of [
    ['status', '--porcelain=v1', '-uall'],
    ['diff'],
    ['diff', '--cached'],
    ['rev-parse', 'HEAD'],
    ['symbolic-ref', 'HEAD'],
    ['stash', 'list'],
  ]) {
    hash.update(`\0${args.join(' ')}\0${git(dir, ...args)}`);
  }
  return hash.digest('hex');
}

/** A temp bin folder with claude, codex and custom-agent wrappers around the fake CLI. */
export function fakeAgentBin(): string {
  const bin = makeTempDir('ridgeline-bin-');
  for (const cli of ['claude', 'codex', 'custom-agent']) {
    writeFileSync(join(bin, cli), `#!/bin/sh\nexec '${process.execPath}' '${fixture}' ${cli} "$@"\n`);
    chmodSync(join(bin, cli), 0o755);
  }
  return bin;
}

export interface RecordedCall {
  cli: string;
  argv: string[];
  cwd: string;
  pid: number;
}

export function recordedCalls(file: string): RecordedCall[] {
  try {
    return readFileSync(file, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as RecordedCall);
  } catch {
    return [];
  }
}

// Fake system programs (pmset, rtcwake, sudo, powershell.exe, powercfg) for tests of OS adapters on
// a machine that lacks them or where running them would change the machine: real executables in a
// temp directory put first on PATH, each recording its argv and answering as the test sets.
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeTempDir } from './temp-dir';

export interface FakePrograms {
  /** The directory to use as PATH. */
  dir: string;
  env: NodeJS.ProcessEnv;
  /** Every call so far, in order: program name first, then its arguments. */
  calls(): string[][];
  /** Makes `name` print `stdout` and exit with `code` from now on. */
  answer(name: string, answer: { code?: number; stdout?: string; stderr?: string }): void;
}

// The program reads its answer from <dir>/<name>.answer.json at each call; `sudo -l` from sudo-l.
const script = `
const fs = require('node:fs');
const path = require('node:path');
const name = path.basename(process.argv[1]);
const args = process.argv.slice(2);
const dir = path.dirname(process.argv[1]);
fs.appendFileSync(path.join(dir, 'calls.jsonl'), JSON.stringify([name, ...args]) + '\\n');
const key = name === 'sudo' && args.includes('-l') ? 'sudo-l' : name;
const file = path.join(dir, key + '.answer.json');
const answer = fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) : {};
if (answer.stdout) process.stdout.write(answer.stdout);
if (answer.stderr) process.stderr.write(answer.stderr);
process.exit(answer.code ?? 0);
`;

export function fakePrograms(names: string[]): FakePrograms {
  const dir = makeTempDir('ridgeline-fake-bin-');
  for (const name of names) {
    const file = join(dir, name);
    writeFileSync(file, `#!${process.execPath}\n${script}`);
    chmodSync(file, 0o755);
  }
  const log = join(dir, 'calls.jsonl');
  return {
    dir,
    env: { PATH: dir },
    calls: () =>
      existsSync(log)
        ? readFileSync(log, 'utf8')
            .trim()
            .split('\n')
            .map((line) => JSON.parse(line) as string[])
        : [],
    answer: (name, answer) => writeFileSync(join(dir, `${name}.answer.json`), JSON.stringify(answer)),
  };
}

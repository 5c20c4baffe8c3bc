// The real headless host started on broken data directories: it must exit non-zero with one
// clear paragraph on stderr, no stack trace, and change nothing in the directory.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { HEADLESS_ENTRY } from '../helpers/headless-host';
import { makeTempDir } from '../helpers/temp-dir';

function snapshot(path: string): Record<string, string> {
  if (!statSync(path).isDirectory()) return { [path]: createHash('sha256').update(readFileSync(path)).digest('hex') };
  const out: Record<string, string> = {};
  for (const name of readdirSync(path)) Object.assign(out, snapshot(join(path, name)));
  return out;
}

function startOn(dataDir: string, ...extra: string[]): { status: number | null; stderr: string } {
  const result = spawnSync(process.execPath, [HEADLESS_ENTRY, '--data-dir', dataDir, '--port', '0', ...extra], {
    encoding: 'utf8',
    timeout: 15_000,
    env: { ...process.env, RIDGELINE_DATA_DIR: '', RIDGELINE_PORT: '' },
  });
  return { status: result.status, stderr: result.stderr };
}

const broken: Array<[string, () => string, RegExp]> = [
  [
    'ridgeline.db is not a database',
    () => {
      const dir = makeTempDir();
      writeFileSync(join(dir, 'ridgeline.db'), 'not sqlite\n'.repeat(500));
      return dir;
    },
    /is damaged \(file is not a database\).*No good backup was found/,
  ],
  [
    'a file where the directory should be',
    () => {
      const file = join(makeTempDir(), 'Ridgeline');
      writeFileSync(file, 'a file');
      return file;
    },
    /is not a directory: a file is in its place/,
  ],
  [
    'a parent of the directory is a file',
    () => {
      const file = join(makeTempDir(), 'parent');
      writeFileSync(file, 'a file');
      mkdirSync(join(makeTempDir(), 'unused'));
      return join(file, 'Ridgeline');
    },
    /is not a directory/,
  ],
];

describe('the headless host on a broken data directory', () => {
  it.each(broken)('%s: exits 1 with one paragraph, no stack, nothing changed', (_name, make, says) => {
    const dataDir = make();
    const root = dataDir.endsWith('Ridgeline') ? join(dataDir, '..') : dataDir;
    const before = snapshot(root);
    const { status, stderr } = startOn(dataDir);
    expect(status).toBe(1);
    expect(stderr).toMatch(/^Ridgeline could not start: /);
    expect(stderr).toMatch(says);
    expect(stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(stderr).not.toMatch(/\n\s+at /);
    expect(snapshot(root)).toEqual(before);
  });

  it('prints the underlying error and its stack with --verbose', () => {
    const dataDir = makeTempDir();
    writeFileSync(join(dataDir, 'ridgeline.db'), 'not sqlite\n'.repeat(500));
    const { status, stderr } = startOn(dataDir, '--verbose');
    expect(status).toBe(1);
    expect(stderr).toMatch(/Caused by: SqliteError: file is not a database\n\s+at /);
  });
});

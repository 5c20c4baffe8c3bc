// `npm run dist` restores the Node build of the native modules whatever happens to electron-builder.
// The steps run as real child processes; stand-in scripts replace electron-builder and npm rebuild,
// since a real packaging run needs the Electron binary and its download host.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildThenRestore, distSteps, NATIVE_MODULES, type DistStep } from '../../../src-main/cli/launcher/dist-steps';
import { makeTempDir } from '../../helpers/temp-dir';

const node = (label: string, code: string): DistStep => ({ label, command: process.execPath, args: ['-e', code] });
const run = (step: DistStep): number => spawnSync(step.command, step.args, { stdio: 'ignore' }).status ?? 1;

function restoreMarking(dir: string, code = 0): DistStep {
  const marker = join(dir, 'restored');
  return node('restore', `require('fs').writeFileSync(${JSON.stringify(marker)}, 'yes'); process.exit(${code});`);
}

describe('npm run dist', () => {
  it('runs electron-builder with the project configuration, then npm rebuild of better-sqlite3 and keytar', () => {
    const steps = distSteps('/p', ['--linux', 'deb']);
    expect([steps.build.command, ...steps.build.args]).toEqual([
      process.execPath,
      join('/p', 'node_modules', 'electron-builder', 'cli.js'),
      '--config',
      'electron-builder.yml',
      '--linux',
      'deb',
    ]);
    expect([steps.restore.command, ...steps.restore.args]).toEqual(['npm', 'rebuild', 'better-sqlite3', 'keytar']);
    expect(NATIVE_MODULES).toEqual(['better-sqlite3', 'keytar']);
  });

  it('restores the Node build when electron-builder fails, and exits with its code', () => {
    const dir = makeTempDir('ridgeline-dist-');
    expect(buildThenRestore({ build: node('build', 'process.exit(3)'), restore: restoreMarking(dir) }, run)).toBe(3);
    expect(existsSync(join(dir, 'restored'))).toBe(true);
  });

  it('restores the Node build when electron-builder cannot even be started', () => {
    const dir = makeTempDir('ridgeline-dist-');
    const failing = (step: DistStep): number => {
      if (step.label === 'build') throw new Error('spawn ENOENT');
      return run(step);
    };
    expect(() => buildThenRestore({ build: node('build', ''), restore: restoreMarking(dir) }, failing)).toThrow(
      'spawn ENOENT',
    );
    expect(existsSync(join(dir, 'restored'))).toBe(true);
  });

  it('fails when the restore fails after a good build, so the broken node_modules is not missed', () => {
    const dir = makeTempDir('ridgeline-dist-');
    const built = join(dir, 'built');
    const build = node('build', `require('fs').writeFileSync(${JSON.stringify(built)}, '')`);
    const stderr = process.stderr.write.bind(process.stderr);
    const said: string[] = [];
    process.stderr.write = ((text: string) => said.push(text) > 0) as typeof process.stderr.write;
    try {
      expect(buildThenRestore({ build, restore: restoreMarking(dir, 7) }, run)).toBe(7);
    } finally {
      process.stderr.write = stderr;
    }
    expect(existsSync(built)).toBe(true);
    expect(said.join('')).toContain('run npm rebuild better-sqlite3 keytar before npm test');
  });
});

import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fileSink } from '../../../src-main/os/log-file';
import { makeTempDir } from '../../helpers/temp-dir';

describe('the log file', () => {
  it('rotates by size and keeps only the newest old files', () => {
    const dir = join(makeTempDir(), 'logs');
    const sink = fileSink(dir, { maxBytes: 100, keep: 2 });
    expect(() => readdirSync(dir)).toThrow(/ENOENT/);
    for (let i = 0; i < 10; i++) sink.write(`line ${i} `.padEnd(39, '.'));
    expect(readdirSync(dir).sort()).toEqual(['ridgeline.log', 'ridgeline.log.1', 'ridgeline.log.2']);
    const file = join(dir, 'ridgeline.log');
    for (const f of readdirSync(dir)) expect(statSync(join(dir, f)).size).toBeLessThanOrEqual(100);
    expect(readFileSync(file, 'utf8')).toMatch(/^line 8 .*\nline 9 .*\n$/);
    expect(readFileSync(`${file}.1`, 'utf8')).toMatch(/^line 6 .*\nline 7 .*\n$/);
    expect(readFileSync(`${file}.2`, 'utf8')).toMatch(/^line 4 /);
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it('counts what an earlier process wrote before rotating', () => {
    const dir = makeTempDir();
    fileSink(dir, { maxBytes: 100 }).write('x'.repeat(80));
    fileSink(dir, { maxBytes: 100 }).write('y'.repeat(30));
    expect(readFileSync(join(dir, 'ridgeline.log.1'), 'utf8')).toBe(`${'x'.repeat(80)}\n`);
    expect(readFileSync(join(dir, 'ridgeline.log'), 'utf8')).toBe(`${'y'.repeat(30)}\n`);
  });
});

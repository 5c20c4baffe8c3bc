// file.read and file.write on real files in temp directories: the allowed roots (symlinks and `..`
// resolved first), the write modes, atomic replacement, and rollback to the previous content.
import {
  chmodSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fileRead, fileReadInput, fileWrite, fileWriteInput } from '../../../../src-main/core/tools/file';
import type { ToolContext } from '../../../../src-main/core/tools/tool';
import { makeTempDir } from '../../../helpers/temp-dir';
import { testContext, failureOf } from './tool-context';

function project(workDir: string | null): ToolContext['project'] {
  return { id: 'project-1', name: 'Site', workDir, repoUrl: null, config: {} };
}

function setup(options: { fileRoots?: string[] } = {}) {
  const workDir = makeTempDir();
  const made = testContext({ project: project(workDir), settings: { fileRoots: options.fileRoots ?? [] } });
  return { workDir, ...made };
}

const read = (input: Record<string, unknown>, context: ToolContext) =>
  fileRead.execute(fileReadInput.parse(input), context);
const write = (input: Record<string, unknown>, context: ToolContext) =>
  fileWrite.execute(fileWriteInput.parse(input), context);

describe('file.read', () => {
  it('reads a file by a path relative to the work directory', async () => {
    const { workDir, context } = setup();
    writeFileSync(join(workDir, 'notes.md'), 'hello there');
    const result = await read({ path: 'notes.md' }, context);
    expect(result).toEqual({ path: join(workDir, 'notes.md'), content: 'hello there', size: 11, truncated: false });
  });

  it('reads binary content as base64 and stops at max_bytes', async () => {
    const { workDir, context } = setup();
    writeFileSync(join(workDir, 'blob.bin'), Buffer.from([0, 1, 2, 255, 254, 253]));
    const result = await read({ path: 'blob.bin', encoding: 'base64', max_bytes: 4 }, context);
    expect(Buffer.from(result.content, 'base64')).toEqual(Buffer.from([0, 1, 2, 255]));
    expect(result).toMatchObject({ size: 6, truncated: true });
  });

  it('refuses a file outside the allowed roots, naming the path and the roots', async () => {
    const { workDir, context } = setup();
    const outside = join(makeTempDir(), 'private.txt');
    writeFileSync(outside, 'keep out');
    const error = await failureOf(read({ path: outside }, context));
    expect(error.kind).toBe('permanent');
    expect(error.message).toBe(`path: ${outside} is outside the allowed roots (${workDir})`);
  });

  it('refuses to escape through .. or a symlink that points outside', async () => {
    const { workDir, context } = setup();
    const elsewhere = makeTempDir();
    writeFileSync(join(elsewhere, 'secret.txt'), 'keep out');
    symlinkSync(join(elsewhere, 'secret.txt'), join(workDir, 'innocent.txt'));
    const viaLink = await failureOf(read({ path: 'innocent.txt' }, context));
    expect(viaLink.message).toContain(`${join(elsewhere, 'secret.txt')} is outside the allowed roots`);
    const viaDots = await failureOf(read({ path: `../${elsewhere.split('/').pop()}/secret.txt` }, context));
    expect(viaDots.message).toContain('is outside the allowed roots');
  });

  it('allows the folders listed in settings.fileRoots', async () => {
    const extra = makeTempDir();
    writeFileSync(join(extra, 'shared.txt'), 'shared');
    const { context } = setup({ fileRoots: [extra] });
    expect((await read({ path: join(extra, 'shared.txt') }, context)).content).toBe('shared');
  });

  it('refuses a relative path when the task has no project work directory', async () => {
    const { context } = testContext({ project: project(null) });
    const error = await failureOf(read({ path: 'notes.md' }, context));
    expect(error.message).toBe('path: notes.md is relative, and the task has no project work directory');
  });
});

describe('file.write', () => {
  it('replaces a file atomically, keeps its mode, and leaves no temp file behind', async () => {
    const { workDir, context } = setup();
    const target = join(workDir, 'run.sh');
    writeFileSync(target, 'old');
    chmodSync(target, 0o750);
    const result = await write({ path: 'run.sh', content: 'echo new' }, context);
    expect(result).toEqual({ path: target, bytes: 8 });
    expect(readFileSync(target, 'utf8')).toBe('echo new');
    expect(statSync(target).mode & 0o777).toBe(0o750);
    expect(readdirSync(workDir)).toEqual(['run.sh']);
  });

  it('appends, and create refuses a file that exists', async () => {
    const { workDir, context } = setup();
    await write({ path: 'log.txt', content: 'one\n', mode: 'append' }, context);
    await write({ path: 'log.txt', content: 'two\n', mode: 'append' }, context);
    expect(readFileSync(join(workDir, 'log.txt'), 'utf8')).toBe('one\ntwo\n');
    const error = await failureOf(write({ path: 'log.txt', content: 'x', mode: 'create' }, context));
    expect(error.kind).toBe('permanent');
    expect(error.message).toBe('path: log.txt already exists (mode is create)');
    expect(readFileSync(join(workDir, 'log.txt'), 'utf8')).toBe('one\ntwo\n');
  });

  it('refuses to write outside the roots or into a folder that does not exist', async () => {
    const { workDir, context } = setup();
    const outside = makeTempDir();
    const escape = await failureOf(write({ path: join(outside, 'x.txt'), content: 'x' }, context));
    expect(escape.message).toContain('is outside the allowed roots');
    expect(existsSync(join(outside, 'x.txt'))).toBe(false);
    const missing = await failureOf(write({ path: 'no/such/dir/x.txt', content: 'x' }, context));
    expect(missing.message).toBe(`path: the folder ${join(workDir, 'no/such/dir')} does not exist`);
  });

  it('refuses a write through a symlinked folder that leads outside the roots', async () => {
    const { workDir, context } = setup();
    const outside = makeTempDir();
    symlinkSync(outside, join(workDir, 'linked'));
    const error = await failureOf(write({ path: 'linked/planted.txt', content: 'x' }, context));
    expect(error.message).toContain(`${join(outside, 'planted.txt')} is outside the allowed roots`);
    expect(existsSync(join(outside, 'planted.txt'))).toBe(false);
  });

  it('records the previous content, and rollback puts it back', async () => {
    const { workDir, context, rollbacks } = setup();
    const target = join(workDir, 'config.json');
    const previous = Buffer.from([123, 0, 255, 10, 125]);
    writeFileSync(target, previous);
    await write({ path: 'config.json', content: '{"changed":true}' }, context);
    expect(rollbacks).toHaveLength(1);
    expect(rollbacks[0]).toMatchObject({ path: target, existed: true });
    await fileWrite.rollback?.(rollbacks[0], context);
    expect(readFileSync(target)).toEqual(previous);
  });

  it('records that the file did not exist, and rollback removes it', async () => {
    const { workDir, context, rollbacks } = setup();
    mkdirSync(join(workDir, 'reports'));
    await write({ path: 'reports/today.md', content: '# Today', mode: 'create' }, context);
    expect(rollbacks[0]).toEqual({ path: join(workDir, 'reports/today.md'), existed: false, restorable: true });
    await fileWrite.rollback?.(rollbacks[0], context);
    expect(readdirSync(join(workDir, 'reports'))).toEqual([]);
  });

  it('refuses a rollback whose path is no longer inside the allowed roots', async () => {
    const { context } = setup();
    const outside = join(makeTempDir(), 'victim.txt');
    writeFileSync(outside, 'untouched');
    const error = await failureOf(
      Promise.resolve(fileWrite.rollback?.({ path: outside, existed: false, restorable: true }, context)),
    );
    expect(error.message).toContain('is outside the allowed roots');
    expect(readFileSync(outside, 'utf8')).toBe('untouched');
  });
});

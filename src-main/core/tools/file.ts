// file.read and file.write: files inside the allowed roots only (the project's work directory and
// the folders in settings.fileRoots), checked on the real path after symlinks and `..` are resolved.
// Writes are atomic (a temp file renamed into place) and record what they replaced for rollback.
import { randomUUID } from 'node:crypto';
import { chmod, link, lstat, open, readFile, realpath, rename, stat, unlink, writeFile } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, resolve, sep } from 'node:path';
import { z } from 'zod';
import { defineTool, ToolError, type ToolContext } from './tool';

export const READ_CAP_BYTES = 1024 * 1024;
// Previous contents up to this size are kept in the checkpoint so that a write can be undone.
export const ROLLBACK_CAP_BYTES = 4 * 1024 * 1024;

const encoding = z.enum(['utf8', 'base64']).default('utf8');
const filePath = z
  .string()
  .min(1, 'is required')
  .refine((p) => !p.includes('\0'), 'must not contain a NUL character');

export const fileReadInput = z
  .object({
    path: filePath,
    encoding,
    max_bytes: z
      .number()
      .int()
      .positive()
      .max(50 * READ_CAP_BYTES)
      .default(READ_CAP_BYTES),
  })
  .strict();

export const fileReadOutput = z.object({
  path: z.string(),
  content: z.string(),
  /** The file's whole size in bytes, even when only max_bytes were read. */
  size: z.number().int().nonnegative(),
  truncated: z.boolean(),
});

export const fileWriteInput = z
  .object({
    path: filePath,
    content: z.string(),
    /** overwrite replaces or creates; append adds to the end (or creates); create fails if the file exists. */
    mode: z.enum(['overwrite', 'append', 'create']).default('overwrite'),
    encoding,
  })
  .strict();

export const fileWriteOutput = z.object({ path: z.string(), bytes: z.number().int().nonnegative() });

/** What file.write records so that a rejected or failed run can put the file back. */
const fileRollbackData = z.object({
  path: z.string(),
  existed: z.boolean(),
  /** Base64, so binary files survive and no text in it is mistaken for something to redact. */
  previous_base64: z.string().optional(),
  mode: z.number().int().optional(),
  /** False when the previous content was over ROLLBACK_CAP_BYTES and was not kept. */
  restorable: z.boolean().default(true),
});
type FileRollbackData = z.output<typeof fileRollbackData>;

export const fileRead = defineTool({
  name: 'file.read',
  description:
    "Reads a file inside the project's work directory or a folder listed in settings.fileRoots. Relative " +
    'paths are taken from the work directory. Reads at most max_bytes (1 MB by default).',
  input: fileReadInput,
  output: fileReadOutput,
  async execute(input, context) {
    if (context.signal.aborted) throw new ToolError('cancelled', 'file.read was cancelled');
    const target = await realTarget(input.path, context, 'read');
    const info = await stat(target);
    if (!info.isFile()) throw new ToolError('permanent', `path: ${input.path} is not a file`, { path: target });
    const handle = await open(target, 'r');
    let content: Buffer;
    try {
      const buffer = Buffer.alloc(Math.min(info.size, input.max_bytes));
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
      content = buffer.subarray(0, bytesRead);
    } finally {
      await handle.close();
    }
    const truncated = info.size > content.length;
    context.log({
      stream: 'system',
      message: `read ${content.length} of ${info.size} bytes from ${target}`,
      ...(truncated ? { level: 'warn' as const } : {}),
    });
    return { path: target, content: content.toString(input.encoding), size: info.size, truncated };
  },
});

export const fileWrite = defineTool({
  name: 'file.write',
  description:
    "Writes a file inside the project's work directory or a folder listed in settings.fileRoots, atomically. " +
    'mode: overwrite (default), append, or create (fails if the file exists). The folder must exist. ' +
    'The previous content is recorded so that the write can be rolled back.',
  input: fileWriteInput,
  output: fileWriteOutput,
  async execute(input, context) {
    if (context.signal.aborted) throw new ToolError('cancelled', 'file.write was cancelled');
    const target = await realTarget(input.path, context, 'write');
    const previous = await currentFile(target, input.path);
    if (input.mode === 'create' && previous) {
      throw new ToolError('permanent', `path: ${input.path} already exists (mode is create)`, { path: target });
    }
    const data = Buffer.from(input.content, input.encoding);
    const next = input.mode === 'append' && previous ? Buffer.concat([previous.content, data]) : data;
    await atomicWrite(target, next, { mode: previous?.mode, exclusive: input.mode === 'create' });
    context.services.recordRollback(rollbackRecord(target, previous, context));
    context.log({
      stream: 'system',
      message: `${input.mode === 'append' && previous ? 'appended' : 'wrote'} ${data.length} bytes to ${target}`,
    });
    return { path: target, bytes: data.length };
  },
  async rollback(raw, context) {
    const parsed = fileRollbackData.safeParse(raw);
    if (!parsed.success) throw new ToolError('permanent', 'file.write rollback data is not readable');
    const data = parsed.data;
    if (!data.restorable) {
      throw new ToolError('permanent', `${data.path} cannot be restored: its previous content was too large to keep`);
    }
    await realTarget(data.path, context, 'write');
    if (!data.existed) {
      await unlink(data.path).catch((error: NodeJS.ErrnoException) => {
        if (error.code !== 'ENOENT') throw error;
      });
      context.log({ stream: 'system', message: `removed ${data.path}, which the step had created` });
      return;
    }
    await atomicWrite(data.path, Buffer.from(data.previous_base64 ?? '', 'base64'), {
      mode: data.mode,
      exclusive: false,
    });
    context.log({ stream: 'system', message: `restored the previous content of ${data.path}` });
  },
});

function rollbackRecord(
  target: string,
  previous: { content: Buffer; mode: number } | undefined,
  context: ToolContext,
): FileRollbackData {
  if (!previous) return { path: target, existed: false, restorable: true };
  if (previous.content.length > ROLLBACK_CAP_BYTES) {
    context.log({
      stream: 'system',
      level: 'warn',
      message: `${target} was over ${ROLLBACK_CAP_BYTES} bytes; this write cannot be rolled back`,
    });
    return { path: target, existed: true, mode: previous.mode, restorable: false };
  }
  return {
    path: target,
    existed: true,
    previous_base64: previous.content.toString('base64'),
    mode: previous.mode,
    restorable: true,
  };
}

/** The roots as real paths; a root that does not exist allows nothing. */
async function allowedRoots(context: ToolContext): Promise<{ given: string[]; real: string[] }> {
  const given = [context.project?.workDir, ...context.services.settings().fileRoots].filter(
    (root): root is string => typeof root === 'string' && root !== '',
  );
  const real = await Promise.all(given.map((root) => realpath(root).catch(() => undefined)));
  return { given, real: real.filter((root): root is string => root !== undefined) };
}

/**
 * The real path `path` names, checked against the allowed roots. For a write the file may not exist
 * yet; then its folder's real path is checked, and a dangling symlink is refused.
 */
async function realTarget(path: string, context: ToolContext, use: 'read' | 'write'): Promise<string> {
  const workDir = context.project?.workDir;
  if (!isAbsolute(path) && !workDir) {
    throw new ToolError('permanent', `path: ${path} is relative, and the task has no project work directory`);
  }
  const absolute = resolve(workDir ?? '/', path);
  const real = await realpath(absolute).catch(async (error: NodeJS.ErrnoException) => {
    if (error.code !== 'ENOENT') throw error;
    if (use === 'read') throw new ToolError('permanent', `path: ${path} does not exist`, { path: absolute });
    if (
      await lstat(absolute).then(
        (info) => info.isSymbolicLink(),
        () => false,
      )
    ) {
      throw new ToolError('permanent', `path: ${path} is a symlink to something that does not exist`);
    }
    const folder = await realpath(dirname(absolute)).catch(() => {
      throw new ToolError('permanent', `path: the folder ${dirname(absolute)} does not exist`, { path: absolute });
    });
    return join(folder, basename(absolute));
  });
  const roots = await allowedRoots(context);
  if (!roots.real.some((root) => real === root || real.startsWith(root.endsWith(sep) ? root : root + sep))) {
    const allowed = roots.given.length > 0 ? roots.given.join(', ') : 'none configured';
    throw new ToolError('permanent', `path: ${real} is outside the allowed roots (${allowed})`, {
      path: real,
      roots: roots.given,
    });
  }
  return real;
}

async function currentFile(target: string, given: string): Promise<{ content: Buffer; mode: number } | undefined> {
  const info = await stat(target).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return undefined;
    throw error;
  });
  if (!info) return undefined;
  if (!info.isFile()) throw new ToolError('permanent', `path: ${given} is not a file`, { path: target });
  return { content: await readFile(target), mode: info.mode & 0o7777 };
}

/**
 * Writes a temp file next to the target and moves it into place, so a reader never sees half a file.
 * `exclusive` links instead of renaming: that fails if the target appeared in the meantime.
 */
async function atomicWrite(
  target: string,
  content: Buffer,
  options: { mode: number | undefined; exclusive: boolean },
): Promise<void> {
  const temp = join(dirname(target), `.${basename(target)}.${randomUUID()}.tmp`);
  try {
    await writeFile(temp, content, { flag: 'wx' });
    // The umask would narrow the mode given to writeFile; the file keeps exactly the mode it had.
    if (options.mode !== undefined) await chmod(temp, options.mode);
    if (options.exclusive) {
      await link(temp, target).catch((error: NodeJS.ErrnoException) => {
        if (error.code === 'EEXIST') throw new ToolError('permanent', `path: ${target} already exists`);
        throw error;
      });
    } else {
      await rename(temp, target);
    }
  } finally {
    await unlink(temp).catch(() => undefined);
  }
}

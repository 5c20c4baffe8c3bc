import { spawn } from 'node:child_process';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { hostFilePath, readHostFile, removeHostFile, writeHostFile } from '../../../src-main/os/host-file';
import { makeTempDir } from '../../helpers/temp-dir';

const info = (pid: number) => ({
  pid,
  port: 7788,
  url: 'http://127.0.0.1:7788',
  startedAt: '2026-12-04T16:00:00.000Z',
});

/** The pid of a real process that has exited, so no process answers to it. */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '']);
  await new Promise((done) => child.once('exit', done));
  return child.pid!;
}

describe('host file', () => {
  it('is written with mode 0600 and read back while its process lives', () => {
    const dir = makeTempDir();
    writeHostFile(dir, info(process.pid));
    expect(statSync(hostFilePath(dir)).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(hostFilePath(dir), 'utf8'))).toEqual(info(process.pid));
    expect(readHostFile(dir)).toEqual(info(process.pid));
  });

  it('counts as no host when the process it names has exited', async () => {
    const dir = makeTempDir();
    writeHostFile(dir, info(await deadPid()));
    expect(readHostFile(dir)).toBeUndefined();
  });

  it('counts as no host when missing or not a host file', () => {
    const dir = makeTempDir();
    expect(readHostFile(dir)).toBeUndefined();
    writeFileSync(hostFilePath(dir), '{ not json');
    expect(readHostFile(dir)).toBeUndefined();
    writeFileSync(hostFilePath(dir), JSON.stringify({ pid: process.pid, port: 'x' }));
    expect(readHostFile(dir)).toBeUndefined();
  });

  it('is removed by its own process but left alone when another host has written it since', () => {
    const dir = makeTempDir();
    writeHostFile(dir, info(process.pid));
    removeHostFile(dir);
    expect(readHostFile(dir)).toBeUndefined();
    writeHostFile(dir, info(process.ppid));
    removeHostFile(dir);
    expect(readHostFile(dir)?.pid).toBe(process.ppid);
  });
});

// Starts the built headless host (out/main/headless.js) as a real child process on a free port.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { hostArgs } from '../../src-main/os/host-command';

export const HEADLESS_ENTRY = resolve(__dirname, '../../out/main/headless.js');

export interface HeadlessHost {
  baseUrl: string;
  loginUrl: string;
  token: string;
  dataDir: string;
  pid: number;
  child: ChildProcess;
  output: () => string;
  stop(): Promise<void>;
  kill(): Promise<void>;
}

function exited(child: ChildProcess): Promise<void> {
  return new Promise((done) => {
    if (child.exitCode !== null || child.signalCode !== null) return done();
    child.once('exit', () => done());
  });
}

export async function startHeadlessHost(
  options: { dataDir?: string; port?: number; env?: NodeJS.ProcessEnv } = {},
): Promise<HeadlessHost> {
  if (!existsSync(HEADLESS_ENTRY)) throw new Error(`${HEADLESS_ENTRY} is missing: run \`npm run build\` first.`);
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'ridgeline-host-'));
  const child = spawn(process.execPath, hostArgs({ headlessEntry: HEADLESS_ENTRY, dataDir, port: options.port ?? 0 }), {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...options.env, RIDGELINE_DATA_DIR: '', RIDGELINE_PORT: '' },
  });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const loginUrl = await new Promise<string>((done, fail) => {
    const timer = setTimeout(() => fail(new Error(`headless host did not start in 15 s:\n${out}`)), 15_000);
    const check = (): void => {
      const match = /Board: (http:\/\/\S+)/.exec(out);
      if (match) {
        clearTimeout(timer);
        done(match[1]!);
      }
    };
    child.stdout!.on('data', check);
    child.once('exit', (code) => {
      clearTimeout(timer);
      fail(new Error(`headless host exited with ${code}:\n${out}`));
    });
  });
  const url = new URL(loginUrl);
  return {
    baseUrl: url.origin,
    loginUrl,
    token: url.searchParams.get('token')!,
    dataDir,
    pid: child.pid!,
    child,
    output: () => out,
    async stop() {
      child.kill('SIGTERM');
      await exited(child);
    },
    async kill() {
      child.kill('SIGKILL');
      await exited(child);
    },
  };
}

// The built headless host inside its own D-Bus session with a freshly unlocked gnome-keyring (a
// fresh HOME each start), for features that store secrets in the OS keychain. Same recipe as
// test/integration/keychain.test.ts; needs dbus-run-session and gnome-keyring-daemon.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { HEADLESS_ENTRY } from './headless-host';
import { makeTempDir } from './temp-dir';

export interface KeyringHost {
  baseUrl: string;
  token: string;
  dataDir: string;
  output: () => string;
  stop(): Promise<void>;
}

const requiredTools: Array<[command: string, pkg: string]> = [
  ['dbus-run-session', 'dbus-x11'],
  ['gnome-keyring-daemon', 'gnome-keyring'],
];

function checkTools(): void {
  const missing = requiredTools.filter(([command]) => spawnSync('sh', ['-c', `command -v ${command}`]).status !== 0);
  if (missing.length > 0) {
    throw new Error(
      `This test needs ${missing.map(([c]) => c).join(' and ')}: apt-get install -y --no-install-recommends ` +
        `${missing.map(([, p]) => p).join(' ')} libsecret-1-dev`,
    );
  }
}

/** `home`: the HOME the host runs with (a fresh folder unless given), for tests that put files there first. */
export async function startKeyringHost(options: { dataDir?: string; home?: string } = {}): Promise<KeyringHost> {
  checkTools();
  if (!existsSync(HEADLESS_ENTRY)) throw new Error(`${HEADLESS_ENTRY} is missing: run \`npm run build\` first.`);
  const dataDir = options.dataDir ?? makeTempDir();
  const home = options.home ?? makeTempDir();
  const script =
    'echo -n pass | gnome-keyring-daemon --unlock --components=secrets >/dev/null; ' +
    'echo "PID $$"; ' +
    `exec "${process.execPath}" "${HEADLESS_ENTRY}" --data-dir "${dataDir}" --port 0`;
  const child: ChildProcess = spawn('dbus-run-session', ['--', 'sh', '-c', script], {
    env: { PATH: process.env.PATH, HOME: home, RIDGELINE_DATA_DIR: '', RIDGELINE_PORT: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  await new Promise<void>((done, fail) => {
    const timer = setTimeout(() => fail(new Error(`the host did not start in the keyring session:\n${out}`)), 20_000);
    child.stdout!.on('data', () => {
      if (!/Board: http/.test(out)) return;
      clearTimeout(timer);
      done();
    });
    void exited.then(() => {
      clearTimeout(timer);
      fail(new Error(`the keyring session ended early:\n${out}`));
    });
  });
  const login = new URL(/Board: (http:\/\/\S+)/.exec(out)![1]!);
  const hostPid = Number(/PID (\d+)/.exec(out)![1]);
  return {
    baseUrl: login.origin,
    token: login.searchParams.get('token')!,
    dataDir,
    output: () => out,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      process.kill(hostPid, 'SIGTERM');
      await exited;
      // The keyring daemon may outlive the bus by a moment; it belongs to this session's group.
      try {
        process.kill(-child.pid!, 'SIGTERM');
      } catch {
        // Already gone with the session.
      }
    },
  };
}

/** Calls the host's API with its token; the answer's status and JSON body, of the shape the caller expects. */
export async function callApi<T = Record<string, unknown>>(
  host: { baseUrl: string; token: string },
  name: string,
  body: unknown,
): Promise<{ status: number; body: T }> {
  const response = await fetch(`${host.baseUrl}/api/${name}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${host.token}` },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as T };
}

// Secrets in a real OS keychain: the built headless host runs inside its own D-Bus session with a
// freshly unlocked gnome-keyring (a fresh HOME each run), and the test stores, lists and deletes a
// secret through the real API, reads it back with keytar as a separate client, and then searches
// every file of the data directory (database, WAL, settings, logs) for the value.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HEADLESS_ENTRY, startHeadlessHost } from '../helpers/headless-host';
import { makeTempDir } from '../helpers/temp-dir';

const SECRET = 'sk-ant-keychain-only-7f3a9c1e5b';
const NAME = 'anthropic_api_key';

/** The commands the keychain recipe needs, and the Debian package each comes from. */
const requiredTools: Array<[command: string, pkg: string]> = [
  ['dbus-run-session', 'dbus-daemon (pulled in by dbus-x11)'],
  ['gnome-keyring-daemon', 'gnome-keyring'],
];

function checkTools(): void {
  const missing = requiredTools.filter(([command]) => spawnSync('sh', ['-c', `command -v ${command}`]).status !== 0);
  if (missing.length > 0) {
    throw new Error(
      `The keychain test needs ${missing.map(([c]) => c).join(' and ')}: ` +
        `apt-get install -y --no-install-recommends ${missing.map(([, p]) => p.split(' ')[0]).join(' ')} ` +
        'libsecret-1-dev dbus-x11',
    );
  }
}

interface SessionHost {
  baseUrl: string;
  token: string;
  /** The session bus address, so a separate keytar client can talk to the same keyring. */
  busAddress: string;
  output: () => string;
  stop(): Promise<void>;
}

/** The built headless host inside `dbus-run-session`, with gnome-keyring unlocked in a fresh HOME. */
async function startInKeyringSession(dataDir: string, home: string): Promise<SessionHost> {
  const script =
    'echo -n pass | gnome-keyring-daemon --unlock --components=secrets >/dev/null; ' +
    'echo "BUS $DBUS_SESSION_BUS_ADDRESS"; echo "PID $$"; ' +
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
    const timer = setTimeout(() => fail(new Error(`the host did not start in the keyring session:\n${out}`)), 15_000);
    const check = (): void => {
      if (!/Board: http/.test(out)) return;
      clearTimeout(timer);
      done();
    };
    child.stdout!.on('data', check);
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
    busAddress: /BUS (\S+)/.exec(out)![1]!,
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

async function call(host: { baseUrl: string; token: string }, name: string, body: unknown) {
  const response = await fetch(`${host.baseUrl}/api/${name}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${host.token}` },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> & unknown[] };
}

/** keytar as a second, independent client of the session's keyring. */
function keytarRead(busAddress: string, home: string): string {
  const result = spawnSync(
    process.execPath,
    [
      '-e',
      `require('keytar').getPassword('Ridgeline', ${JSON.stringify(NAME)})` +
        '.then((v) => process.stdout.write(JSON.stringify(v)), (e) => { console.error(e.message); process.exit(1); })',
    ],
    { env: { PATH: process.env.PATH, HOME: home, DBUS_SESSION_BUS_ADDRESS: busAddress }, encoding: 'utf8' },
  );
  if (result.status !== 0) throw new Error(`keytar could not read the keyring: ${result.stderr}`);
  return result.stdout;
}

/** Every file under the data directory, database and WAL and logs included. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

function filesContaining(dir: string, needle: string): string[] {
  return filesUnder(dir).filter((file) => readFileSync(file).includes(needle));
}

describe('secrets in a real gnome-keyring', () => {
  const dataDir = makeTempDir();
  const home = makeTempDir('ridgeline-keyring-home-');
  let host: SessionHost;

  beforeAll(async () => {
    checkTools();
    if (!existsSync(HEADLESS_ENTRY)) throw new Error(`${HEADLESS_ENTRY} is missing: run \`npm run build\` first.`);
    host = await startInKeyringSession(dataDir, home);
  });
  afterAll(async () => host?.stop());

  it('stores, lists and deletes a secret in the keychain, and no file of the data directory ever holds it', async () => {
    expect((await call(host, 'secrets.list', {})).body).toContainEqual({
      name: NAME,
      source: 'missing',
      usedBy: ['Anthropic provider'],
    });

    const stored = await call(host, 'secrets.set', { name: NAME, value: SECRET });
    expect(stored).toEqual({ status: 200, body: { name: NAME, source: 'keychain', usedBy: ['Anthropic provider'] } });
    expect(JSON.parse(keytarRead(host.busAddress, home))).toBe(SECRET);

    // A name settings do not know is listed too, from the keychain's own index.
    await call(host, 'secrets.set', { name: 'weather_token', value: 'wx-keychain-value-42' });
    const listed = (await call(host, 'secrets.list', {})).body;
    expect(listed).toContainEqual({ name: NAME, source: 'keychain', usedBy: ['Anthropic provider'] });
    expect(listed).toContainEqual({ name: 'weather_token', source: 'keychain' });
    expect(JSON.stringify(listed)).not.toContain(SECRET);

    // A refused call carrying the value, and ordinary work, leave nothing behind either.
    expect((await call(host, 'secrets.set', { name: 'bad name', value: SECRET })).status).toBe(400);
    await call(host, 'settings.update', { displayTimezone: 'Europe/Berlin' });
    await call(host, 'tasks.create', { title: 'Uses the Anthropic key' });
    expect(filesContaining(dataDir, SECRET)).toEqual([]);

    const deleted = await call(host, 'secrets.delete', { name: NAME });
    expect(deleted.body).toEqual({ name: NAME, source: 'missing', usedBy: ['Anthropic provider'] });
    expect(keytarRead(host.busAddress, home)).toBe('null');

    await host.stop();
    const files = filesUnder(dataDir).map((f) => f.slice(dataDir.length + 1));
    expect(files).toEqual(expect.arrayContaining(['ridgeline.db', 'config.json']));
    expect(files.some((f) => f.startsWith('logs'))).toBe(true);
    expect(filesContaining(dataDir, SECRET)).toEqual([]);
  });
});

describe('secrets where no keychain answers', () => {
  it('falls back to RIDGELINE_SECRET_<NAME> and refuses to store with the variable to set instead', async () => {
    const saved = { ...process.env };
    // No session bus and no display: libsecret cannot reach any Secret Service.
    process.env.DBUS_SESSION_BUS_ADDRESS = 'unix:path=/nonexistent/ridgeline-test-bus';
    delete process.env.DISPLAY;
    process.env.RIDGELINE_SECRET_GROQ_API_KEY = 'gsk-from-the-environment';
    const host = await startHeadlessHost({ dataDir: makeTempDir() });
    process.env = saved;
    try {
      expect((await call(host, 'secrets.list', {})).body).toContainEqual({
        name: 'groq_api_key',
        source: 'env',
        usedBy: ['Groq provider'],
      });
      const refused = await call(host, 'secrets.set', { name: NAME, value: SECRET });
      expect(refused.status).toBe(403);
      expect(refused.body.message).toMatch(
        /^Cannot store the secret "anthropic_api_key": no OS keychain is available \(.+\)\. Set the environment variable RIDGELINE_SECRET_ANTHROPIC_API_KEY instead\.$/,
      );
    } finally {
      await host.stop();
    }
    expect(filesContaining(host.dataDir, SECRET)).toEqual([]);
  });
});

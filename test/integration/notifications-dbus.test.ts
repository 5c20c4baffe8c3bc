import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src-main/core/lib/logger';
import { Redactor } from '../../src-main/core/lib/redact';
import { runFailedText, runSucceededText } from '../../src-main/core/notify/texts';
import { createRuntime } from '../../src-main/core/runtime';
import { createDesktopNotifier } from '../../src-main/os/notifier';
import { createEnvSecretStore } from '../../src-main/os/secrets-env';
import { FakeClock } from '../helpers/fake-clock';
import { makeTempDir } from '../helpers/temp-dir';
import { memorySettings } from '../helpers/test-runtime';

// The real adapter (node-notifier -> notify-send) against a real notification server: a private
// X display (Xvfb), a private session bus (dbus-daemon) that starts dunst on demand, and
// dbus-monitor reading back every Notify call as the server received it. The runtime case runs the
// whole chain: a real run fails, the notification centre words it, the adapter shows it.
const TOOLS = ['Xvfb', 'dbus-daemon', 'dbus-monitor', 'dbus-send', 'notify-send', 'dunst'];
const PACKAGES = 'libnotify-bin dunst dbus-x11 xvfb';

function onPath(tool: string): boolean {
  return (process.env.PATH ?? '').split(delimiter).some((dir) => dir && existsSync(join(dir, tool)));
}

/** Resolves with the first line a child prints on stdout. */
function firstLine(child: ChildProcess, what: string): Promise<string> {
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`${what} printed nothing within 5 s`)), 5000);
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const newline = out.indexOf('\n');
      if (newline >= 0) {
        clearTimeout(timer);
        resolve(out.slice(0, newline).trim());
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${what} exited with code ${code} before it was ready`));
    });
  });
}

async function until(condition: () => boolean, what: string, ms = 5000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`${what} did not happen within ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

interface NotifyCall {
  appName: string;
  summary: string;
  body: string;
}

/** The Notify calls in dbus-monitor's output: (app_name, replaces_id, app_icon, summary, body, ...). */
function notifyCalls(monitorOutput: string): NotifyCall[] {
  return monitorOutput
    .split(/^method call /m)
    .filter((block) => block.includes('member=Notify'))
    .map((block) => {
      const strings = [...block.matchAll(/^\s+string "(.*)"$/gm)].map((m) => m[1]!);
      return { appName: strings[0]!, summary: strings[2]!, body: strings[3]! };
    });
}

const children: ChildProcess[] = [];
let monitorOutput = '';
let busAddress = '';
const savedEnv = { DBUS_SESSION_BUS_ADDRESS: process.env.DBUS_SESSION_BUS_ADDRESS, DISPLAY: process.env.DISPLAY };

beforeAll(async () => {
  const missing = TOOLS.filter((tool) => !onPath(tool));
  if (missing.length > 0) {
    throw new Error(
      `The desktop notification test needs ${missing.join(', ')}. Install them with: ` +
        `apt-get install -y --no-install-recommends ${PACKAGES}`,
    );
  }
  const xvfb = spawn('Xvfb', ['-displayfd', '1', '-nolisten', 'tcp'], { stdio: ['ignore', 'pipe', 'ignore'] });
  children.push(xvfb);
  const display = `:${await firstLine(xvfb, 'Xvfb')}`;
  // The bus passes its environment to the services it starts: dunst finds the display there.
  const bus = spawn('dbus-daemon', ['--session', '--nofork', '--print-address=1'], {
    stdio: ['ignore', 'pipe', 'ignore'],
    env: { ...process.env, DISPLAY: display },
  });
  children.push(bus);
  busAddress = await firstLine(bus, 'dbus-daemon');
  const monitor = spawn(
    'dbus-monitor',
    ['--address', busAddress, "type='method_call',interface='org.freedesktop.Notifications',member='Notify'"],
    { stdio: ['ignore', 'pipe', 'ignore'] },
  );
  children.push(monitor);
  monitor.stdout.on('data', (chunk: Buffer) => (monitorOutput += chunk.toString()));
  // dbus-monitor has become a monitor once the bus took its unique name back.
  await until(() => monitorOutput.includes('member=NameLost'), 'dbus-monitor attaching to the bus');
  process.env.DBUS_SESSION_BUS_ADDRESS = busAddress;
  process.env.DISPLAY = display;
});

afterAll(() => {
  if (busAddress) {
    // dunst was started by the bus, not by this test: ask the bus for its process to end it too.
    const reply = spawnSync(
      'dbus-send',
      [
        `--bus=${busAddress}`,
        '--print-reply',
        '--dest=org.freedesktop.DBus',
        '/org/freedesktop/DBus',
        'org.freedesktop.DBus.GetConnectionUnixProcessID',
        'string:org.freedesktop.Notifications',
      ],
      { encoding: 'utf8' },
    );
    const pid = /uint32 (\d+)/.exec(reply.stdout ?? '')?.[1];
    if (pid) process.kill(Number(pid), 'SIGTERM');
  }
  for (const child of children.reverse()) child.kill('SIGTERM');
  for (const [key, value] of Object.entries(savedEnv)) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
});

describe('desktop notifications on a real D-Bus notification server', () => {
  it('delivers the texts with Mountain Time on both sides of DST, verbatim and from Ridgeline', async () => {
    const warnings: string[] = [];
    const logger = createLogger({
      sinks: [{ write: (line) => warnings.push(line) }],
      redactor: new Redactor(),
      now: () => 0,
    });
    const notifier = createDesktopNotifier(logger, { platform: 'linux' });
    const timeZone = 'America/Denver';
    const january = runSucceededText({
      taskTitle: 'Morning briefing',
      at: Date.parse('2026-01-15T15:31:00Z'),
      timeZone,
      startedAt: Date.parse('2026-01-15T15:30:00Z'),
      costUsd: 0.02,
    });
    const july = runSucceededText({
      taskTitle: 'Morning briefing',
      at: Date.parse('2026-07-15T14:31:00Z'),
      timeZone,
      startedAt: null,
      costUsd: 0,
    });
    // Shell-looking text must arrive as text: node-notifier runs notify-send through a shell.
    const failed = runFailedText({
      taskTitle: '-u critical',
      at: Date.parse('2026-11-01T08:30:00Z'),
      timeZone,
      error: 'exit 1: "$HOME" `id` $(true) \\ done',
      attempt: 2,
      timedOut: false,
    });

    for (const text of [january, july, failed]) await notifier.notify({ ...text, runId: 'r1', taskId: 't1' });
    await until(() => notifyCalls(monitorOutput).length >= 3, 'three Notify calls');

    expect(notifyCalls(monitorOutput)).toEqual([
      { appName: 'Ridgeline', summary: 'Morning briefing ready · 8:31 AM MST', body: 'Finished in 1 min for $0.02.' },
      { appName: 'Ridgeline', summary: 'Morning briefing ready · 8:31 AM MDT', body: 'Finished.' },
      {
        appName: 'Ridgeline',
        summary: ' -u critical failed after 2 attempts · 1:30 AM MST',
        body: 'exit 1: "$HOME" `id` $(true) \\ done',
      },
    ]);
    expect(warnings.filter((l) => l.includes('could not be shown'))).toEqual([]);
  });

  it('shows what the runtime tells of failed runs, in MST in January and MDT in July', async () => {
    const before = notifyCalls(monitorOutput).length;
    const clock = new FakeClock(Date.parse('2026-01-15T15:31:00Z'));
    const redactor = new Redactor();
    const logger = createLogger({ sinks: [], redactor, now: () => clock.now() });
    const runtime = createRuntime({
      dataDir: makeTempDir(),
      clock,
      notifier: createDesktopNotifier(logger, { platform: 'linux' }),
      secrets: createEnvSecretStore({}),
      settings: memorySettings(),
      logger,
      redactor,
      hostKind: 'test',
      version: '0.0.0-test',
    });
    await runtime.start();
    try {
      const task = await runtime.api.call('tasks.create', {
        title: 'Nightly backup',
        retryPolicy: { maxAttempts: 1 },
        pipeline: {
          steps: [{ id: 'copy', uses: 'shell.exec', with: { argv: [process.execPath, '-e', 'process.exit(3)'] } }],
        },
      });
      const failOnce = async (count: number): Promise<void> => {
        await runtime.api.call('tasks.runNow', { id: task.id });
        await until(() => {
          clock.advance(0);
          return notifyCalls(monitorOutput).length >= before + count;
        }, `Notify call ${count}`);
      };
      await failOnce(1);
      // Past the burst window, then the wall clock moves on to summer.
      clock.advance(61_000);
      clock.jumpTo(Date.parse('2026-07-15T14:31:00Z'));
      await failOnce(2);
    } finally {
      await runtime.stop();
    }
    expect(
      notifyCalls(monitorOutput)
        .slice(before)
        .map((c) => c.summary),
    ).toEqual(['Nightly backup failed · 8:31 AM MST', 'Nightly backup failed · 8:31 AM MDT']);
  });

  it('logs, and does not throw, when no notification server can be reached', async () => {
    const lines: string[] = [];
    const logger = createLogger({ sinks: [{ write: (l) => lines.push(l) }], redactor: new Redactor(), now: () => 0 });
    const notifier = createDesktopNotifier(logger, { platform: 'linux' });
    process.env.DBUS_SESSION_BUS_ADDRESS = 'unix:path=/nonexistent/ridgeline-bus';
    try {
      await notifier.notify({ title: 'Nobody listens', body: 'x' });
    } finally {
      process.env.DBUS_SESSION_BUS_ADDRESS = busAddress;
    }
    expect(lines.some((l) => l.includes('Notification could not be shown') && l.includes('Nobody listens'))).toBe(true);
  });
});

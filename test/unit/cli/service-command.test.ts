import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runService, type ServiceDeps } from '../../../src-main/cli/ridgeline/service';
import { startHeadlessHost, HEADLESS_ENTRY, type HeadlessHost } from '../../helpers/headless-host';
import { makeTempDir } from '../../helpers/temp-dir';

// systemctl --user needs a user session bus, which the machines that build Ridgeline do not run:
// the commands are recorded instead of run (the unit they would load is verified in
// test/unit/os/service-files.test.ts). Files, the host and its API are real.
function linuxDeps(home: string, failing: string[] = []): ServiceDeps & { ran: string[][] } {
  const ran: string[][] = [];
  return {
    ran,
    platform: 'linux',
    home,
    uid: 1000,
    nodePath: process.execPath,
    headlessEntry: HEADLESS_ENTRY,
    run: (argv) => {
      ran.push(argv);
      return failing.includes(argv.join(' '))
        ? { status: 1, output: 'Failed to connect to bus: No medium found' }
        : { status: 0, output: '' };
    },
  };
}

function io() {
  let text = '';
  return { env: {}, stdout: { write: (t: string) => (text += t) }, text: () => text };
}

let host: HeadlessHost | undefined;
afterEach(async () => {
  await host?.stop();
  host = undefined;
});

describe('ridgeline service', () => {
  it('install writes the user unit for the data directory and enables it now; uninstall removes it', async () => {
    const home = makeTempDir();
    const dataDir = makeTempDir();
    const deps = linuxDeps(home);
    const out = io();
    expect(await runService(['install', '--data-dir', dataDir, '--port', '7791'], out, deps)).toBe(0);
    const unitFile = join(home, '.config/systemd/user/ridgeline.service');
    expect(readFileSync(unitFile, 'utf8')).toContain(`"--data-dir" "${dataDir}" "--port" "7791"`);
    expect(deps.ran).toEqual([
      ['systemctl', '--user', 'daemon-reload'],
      ['systemctl', '--user', 'enable', '--now', 'ridgeline.service'],
    ]);
    expect(out.text()).toContain(`Service file: ${unitFile}`);

    const removed = io();
    expect(await runService(['uninstall', '--data-dir', dataDir], removed, deps)).toBe(0);
    expect(existsSync(unitFile)).toBe(false);
    expect(deps.ran.at(-1)).toEqual(['systemctl', '--user', 'disable', '--now', 'ridgeline.service']);
    expect(removed.text()).toContain('Uninstalled');
  });

  it('install names the command that failed and why', async () => {
    const deps = linuxDeps(makeTempDir(), ['systemctl --user daemon-reload']);
    await expect(runService(['install', '--data-dir', makeTempDir()], io(), deps)).rejects.toThrow(
      '`systemctl --user daemon-reload` failed (exit code 1: Failed to connect to bus: No medium found).',
    );
  });

  it('status says whether the service is installed and whether a host answers for the data directory', async () => {
    const home = makeTempDir();
    const dataDir = makeTempDir();
    const deps = linuxDeps(home);
    const before = io();
    await runService(['status', '--data-dir', dataDir], before, deps);
    expect(before.text()).toBe(
      `Service: not installed (\`ridgeline service install\` sets it up).\nHost: none is running for ${dataDir}.\n`,
    );

    await runService(['install', '--data-dir', dataDir], io(), deps);
    host = await startHeadlessHost({ dataDir });
    const after = io();
    await runService(['status', '--data-dir', dataDir, '--json'], after, deps);
    expect(JSON.parse(after.text())).toEqual({
      installed: true,
      file: join(home, '.config/systemd/user/ridgeline.service'),
      dataDir,
      host: { url: host.baseUrl, pid: host.pid, answering: true },
    });
  });

  it('refuses an unknown subcommand with the group help to read', async () => {
    await expect(runService(['restart'], io(), linuxDeps(makeTempDir()))).rejects.toThrow(
      /ridgeline service: unknown command "restart"\.\nSee `ridgeline service --help`/,
    );
  });
});

import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  launchdPlist,
  servicePlan,
  systemdUnit,
  windowsCommandLine,
  type ServiceTarget,
} from '../../../src-main/os/service-files';
import { makeTempDir } from '../../helpers/temp-dir';

const plist = createRequire(import.meta.url)('plist') as { parse(xml: string): unknown };

const target: ServiceTarget = {
  nodePath: process.execPath,
  headlessEntry: '/opt/Ridgeline/out/main/headless.js',
  dataDir: '/home/ada/.config/Ridgeline 100% "mine" $HOME',
  port: 7790,
};

function hasSystemdAnalyze(): boolean {
  return spawnSync('systemd-analyze', ['--version']).status === 0;
}

describe('the systemd user unit', () => {
  it('starts this Node on the headless host with the data directory, quoting what systemd would expand', () => {
    const unit = systemdUnit(target);
    expect(unit).toContain(
      `ExecStart="${process.execPath}" "--v8-pool-size=1" "/opt/Ridgeline/out/main/headless.js" "--data-dir" ` +
        `"/home/ada/.config/Ridgeline 100%% \\"mine\\" $$HOME" "--port" "7790"`,
    );
    expect(unit).toMatch(/\[Install\]\nWantedBy=default.target/);
    expect(unit).toContain('Restart=on-failure');
  });

  it.runIf(hasSystemdAnalyze())(
    'passes systemd-analyze verify, which reports a broken unit (skipped where systemd-analyze is missing: apt-get install systemd)',
    () => {
      const dir = makeTempDir();
      const runtimeDir = join(dir, 'runtime');
      mkdirSync(runtimeDir, { mode: 0o700 });
      const entry = join(dir, 'headless.js');
      writeFileSync(entry, '');
      const verify = (text: string) => {
        writeFileSync(join(dir, 'ridgeline.service'), text);
        return spawnSync('systemd-analyze', ['--user', 'verify', join(dir, 'ridgeline.service')], {
          encoding: 'utf8',
          env: { ...process.env, XDG_RUNTIME_DIR: runtimeDir },
        });
      };
      const good = verify(systemdUnit({ ...target, headlessEntry: entry }));
      expect({ status: good.status, output: `${good.stdout}${good.stderr}` }).toEqual({ status: 0, output: '' });
      const broken = verify(systemdUnit(target).replace('Restart=on-failure', 'Restart=sometimes'));
      expect(`${broken.stdout}${broken.stderr}`).toMatch(/restart specifier/);
    },
  );
});

describe('the launchd agent', () => {
  it('is a property list a plist parser reads back as the agent launchd runs at login', () => {
    expect(plist.parse(launchdPlist(target))).toEqual({
      Label: 'app.ridgeline.headless',
      ProgramArguments: [
        process.execPath,
        '--v8-pool-size=1',
        '/opt/Ridgeline/out/main/headless.js',
        '--data-dir',
        target.dataDir,
        '--port',
        '7790',
      ],
      RunAtLoad: true,
      KeepAlive: { SuccessfulExit: false },
      ProcessType: 'Background',
      StandardOutPath: `${target.dataDir}/logs/headless-service.log`,
      StandardErrorPath: `${target.dataDir}/logs/headless-service.log`,
    });
  });

  it('escapes XML in paths', () => {
    const parsed = plist.parse(launchdPlist({ ...target, dataDir: '/Users/a&b/<Ridgeline>' })) as {
      ProgramArguments: string[];
    };
    const args = parsed.ProgramArguments;
    expect(args[args.indexOf('--data-dir') + 1]).toBe('/Users/a&b/<Ridgeline>');
  });
});

describe('the plan per platform', () => {
  it('Linux: writes the unit under ~/.config/systemd/user and enables it now', () => {
    const plan = servicePlan(target, { platform: 'linux', home: '/home/ada', uid: 1000 });
    expect(plan.file?.path).toBe('/home/ada/.config/systemd/user/ridgeline.service');
    expect(plan.install).toEqual([
      ['systemctl', '--user', 'daemon-reload'],
      ['systemctl', '--user', 'enable', '--now', 'ridgeline.service'],
    ]);
    expect(plan.uninstall).toEqual([['systemctl', '--user', 'disable', '--now', 'ridgeline.service']]);
  });

  it('macOS: writes the agent under ~/Library/LaunchAgents and bootstraps it in the gui domain', () => {
    const plan = servicePlan(target, { platform: 'darwin', home: '/Users/ada', uid: 501 });
    const path = '/Users/ada/Library/LaunchAgents/app.ridgeline.headless.plist';
    expect(plan.file?.path).toBe(path);
    expect(plan.install).toEqual([['launchctl', 'bootstrap', 'gui/501', path]]);
    expect(plan.uninstall).toEqual([['launchctl', 'bootout', 'gui/501/app.ridgeline.headless']]);
  });

  it('Windows: creates a logon task with the host command line, and no file', () => {
    const windows: ServiceTarget = {
      nodePath: 'C:\\Program Files\\nodejs\\node.exe',
      headlessEntry: 'C:\\Ridgeline\\out\\main\\headless.js',
      dataDir: 'C:\\Users\\ada\\AppData\\Roaming\\Ridgeline',
    };
    const plan = servicePlan(windows, { platform: 'win32', home: 'C:\\Users\\ada', uid: 0 });
    expect(plan.file).toBeUndefined();
    expect(windowsCommandLine(windows)).toBe(
      '"C:\\Program Files\\nodejs\\node.exe" --v8-pool-size=1 C:\\Ridgeline\\out\\main\\headless.js --data-dir C:\\Users\\ada\\AppData\\Roaming\\Ridgeline',
    );
    expect(plan.install[0]).toEqual([
      'schtasks',
      '/Create',
      '/SC',
      'ONLOGON',
      '/TN',
      'Ridgeline Headless',
      '/TR',
      windowsCommandLine(windows),
      '/RL',
      'LIMITED',
      '/F',
    ]);
  });
});

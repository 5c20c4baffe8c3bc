// The background service: what `ridgeline service install` writes and runs so the headless host
// starts at login without the desktop window. Pure: paths and ids come in, file texts and the
// commands to run come out, so each platform's plan is tested here whatever the OS.
import { posix, win32 } from 'node:path';
import { hostArgs, type HostTarget } from './host-command';

export const SYSTEMD_UNIT_NAME = 'ridgeline.service';
export const LAUNCHD_LABEL = 'app.ridgeline.headless';
export const WINDOWS_TASK_NAME = 'Ridgeline Headless';

/** What the service starts: this Node, the built headless host, on one data directory and port. */
export interface ServiceTarget extends HostTarget {
  nodePath: string;
}

export interface ServicePlan {
  /** The unit file written on install and removed on uninstall (none on Windows: the task holds it). */
  file?: { path: string; content: string };
  /** Commands run in order after writing the file; each is argv. */
  install: string[][];
  /** Commands run before removing the file; a failure (not loaded) does not stop the removal. */
  uninstall: string[][];
  /** Exits 0 when the OS has the service registered. */
  query: string[];
  /** Where the service's own output goes, for the status text. */
  logHint: string;
}

/** One ExecStart word: quoted, with systemd's specifiers (%) and variables ($) kept literal. */
function systemdWord(word: string): string {
  const escaped = word.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/%/g, '%%').replace(/\$/g, '$$$$');
  return `"${escaped}"`;
}

export function systemdUnit(target: ServiceTarget): string {
  const command = [target.nodePath, ...hostArgs(target)].map(systemdWord).join(' ');
  return `[Unit]
Description=Ridgeline headless host: scheduled agent pipelines, without the desktop window

[Service]
Type=simple
ExecStart=${command}
# The host stops its runs and their process groups itself on SIGTERM, within 10 s.
KillMode=mixed
TimeoutStopSec=15
Restart=on-failure
RestartSec=10

[Install]
WantedBy=default.target
`;
}

function xmlText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function launchdPlist(target: ServiceTarget): string {
  const args = [target.nodePath, ...hostArgs(target)].map((a) => `    <string>${xmlText(a)}</string>`).join('\n');
  const log = xmlText(posix.join(target.dataDir, 'logs', 'headless-service.log'));
  return `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">
<plist version="1.0">
<dict>
  <key>Label</key>
  <string>${LAUNCHD_LABEL}</string>
  <key>ProgramArguments</key>
  <array>
${args}
  </array>
  <key>RunAtLoad</key>
  <true/>
  <key>KeepAlive</key>
  <dict>
    <key>SuccessfulExit</key>
    <false/>
  </dict>
  <key>ProcessType</key>
  <string>Background</string>
  <key>StandardOutPath</key>
  <string>${log}</string>
  <key>StandardErrorPath</key>
  <string>${log}</string>
</dict>
</plist>
`;
}

/** A command line for schtasks /TR: each word in double quotes (Windows paths have no quotes in them). */
export function windowsCommandLine(target: ServiceTarget): string {
  return [target.nodePath, ...hostArgs(target)].map((w) => (/[\s"]/.test(w) ? `"${w}"` : w)).join(' ');
}

export interface PlanContext {
  platform: NodeJS.Platform;
  home: string;
  /** The user's id, for launchd's gui/<uid> domain. */
  uid: number;
}

export function servicePlan(target: ServiceTarget, context: PlanContext): ServicePlan {
  switch (context.platform) {
    case 'darwin': {
      const path = posix.join(context.home, 'Library', 'LaunchAgents', `${LAUNCHD_LABEL}.plist`);
      const domain = `gui/${context.uid}`;
      return {
        file: { path, content: launchdPlist(target) },
        install: [['launchctl', 'bootstrap', domain, path]],
        uninstall: [['launchctl', 'bootout', `${domain}/${LAUNCHD_LABEL}`]],
        query: ['launchctl', 'print', `${domain}/${LAUNCHD_LABEL}`],
        logHint: posix.join(target.dataDir, 'logs', 'headless-service.log'),
      };
    }
    case 'win32':
      return {
        install: [
          [
            'schtasks',
            '/Create',
            '/SC',
            'ONLOGON',
            '/TN',
            WINDOWS_TASK_NAME,
            '/TR',
            windowsCommandLine(target),
            '/RL',
            'LIMITED',
            '/F',
          ],
          ['schtasks', '/Run', '/TN', WINDOWS_TASK_NAME],
        ],
        uninstall: [
          ['schtasks', '/End', '/TN', WINDOWS_TASK_NAME],
          ['schtasks', '/Delete', '/TN', WINDOWS_TASK_NAME, '/F'],
        ],
        query: ['schtasks', '/Query', '/TN', WINDOWS_TASK_NAME],
        logHint: win32.join(target.dataDir, 'logs', 'ridgeline.log'),
      };
    default: {
      const path = posix.join(context.home, '.config', 'systemd', 'user', SYSTEMD_UNIT_NAME);
      return {
        file: { path, content: systemdUnit(target) },
        install: [
          ['systemctl', '--user', 'daemon-reload'],
          ['systemctl', '--user', 'enable', '--now', SYSTEMD_UNIT_NAME],
        ],
        uninstall: [['systemctl', '--user', 'disable', '--now', SYSTEMD_UNIT_NAME]],
        query: ['systemctl', '--user', 'is-enabled', SYSTEMD_UNIT_NAME],
        logHint: `journalctl --user -u ${SYSTEMD_UNIT_NAME}`,
      };
    }
  }
}

// `ridgeline service install|uninstall|status`: the headless host as a background service that
// starts at login without the desktop window (systemd user unit, launchd agent, Windows logon task).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { homedir, userInfo } from 'node:os';
import { dirname, resolve } from 'node:path';
import { readHostFile } from '../../os/host-file';
import { servicePlan, type PlanContext, type ServicePlan } from '../../os/service-files';
import { intFlag, noArgs, parseFlags } from './args';
import { commandHelp, dataDirOf, groupHelp, type Command, type Group, type Io } from './command';
import { CliError, exitCodes, usageError } from './errors';
import { connect } from './host-client';

const HEADLESS_ENTRY = resolve(__dirname, '../main/headless.js');

type Run = (argv: string[]) => { status: number | null; output: string };

export interface ServiceDeps extends PlanContext {
  run: Run;
  headlessEntry: string;
  nodePath: string;
}

const runCommandLine: Run = ([file, ...args]) => {
  const result = spawnSync(file!, args, { encoding: 'utf8', windowsHide: true });
  const output = result.error ? result.error.message : `${result.stdout}${result.stderr}`.trim();
  return { status: result.error ? null : result.status, output };
};

export function systemServiceDeps(): ServiceDeps {
  return {
    platform: process.platform,
    home: homedir(),
    uid: process.platform === 'win32' ? 0 : userInfo().uid,
    run: runCommandLine,
    headlessEntry: HEADLESS_ENTRY,
    nodePath: process.execPath,
  };
}

const commands: Omit<Command, 'run'>[] = [
  {
    name: 'service install',
    summary: 'Starts Ridgeline at login without the desktop window, and now.',
    help: `[--port N] [--data-dir DIR]

  --port N  port on 127.0.0.1 for the service's host (default 7788)`,
    flags: { port: { type: 'string' } },
  },
  { name: 'service uninstall', summary: 'Stops the background service and removes it.', help: '', flags: {} },
  {
    name: 'service status',
    summary: 'Says whether the background service is installed and whether a host answers.',
    help: '',
    flags: {},
  },
];

export const serviceGroup: Group = {
  name: 'service',
  summary: 'The background service: Ridgeline running at login without the desktop window',
  commands: commands.map((c) => ({ ...c, run: () => Promise.resolve() })),
};

function mustRun(run: Run, argv: string[]): void {
  const result = run(argv);
  if (result.status !== 0) {
    const why = result.status === null ? result.output : `exit code ${result.status}: ${result.output}`;
    throw new CliError(exitCodes.callFailed, `\`${argv.join(' ')}\` failed (${why}).`);
  }
}

function isInstalled(plan: ServicePlan, run: Run): boolean {
  return plan.file ? existsSync(plan.file.path) : run(plan.query).status === 0;
}

async function hostAnswers(dataDir: string): Promise<{ url: string; pid: number; answering: boolean } | undefined> {
  const record = readHostFile(dataDir);
  if (!record) return undefined;
  try {
    await connect(dataDir).call('app.info', {});
    return { url: record.url, pid: record.pid, answering: true };
  } catch {
    return { url: record.url, pid: record.pid, answering: false };
  }
}

export async function runService(argv: string[], io: Io, deps: ServiceDeps = systemServiceDeps()): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub === undefined || sub === '--help' || sub === '-h' || sub === 'help') {
    io.stdout.write(groupHelp(serviceGroup));
    return sub === undefined ? exitCodes.usage : exitCodes.ok;
  }
  const command = commands.find((c) => c.name === `service ${sub}`);
  if (!command) throw usageError('service', `ridgeline service: unknown command "${sub}".`);
  const args = parseFlags(command.name, rest, command.flags);
  if (args.values.help) {
    io.stdout.write(commandHelp(command));
    return exitCodes.ok;
  }
  noArgs(command.name, args);
  const port = intFlag(command.name, args.values, 'port');
  const dataDir = dataDirOf(args, io.env);
  const target = {
    nodePath: deps.nodePath,
    headlessEntry: deps.headlessEntry,
    dataDir,
    ...(port === undefined ? {} : { port }),
  };
  const plan = servicePlan(target, deps);
  const json = args.values.json === true;
  const say = (text: string, value: unknown): void =>
    void io.stdout.write(json ? `${JSON.stringify(value)}\n` : `${text}\n`);

  switch (sub) {
    case 'install': {
      if (!existsSync(deps.headlessEntry)) {
        throw new CliError(
          exitCodes.callFailed,
          `The headless host is not built: ${deps.headlessEntry} is missing. Run \`npm run build\` first.`,
        );
      }
      if (plan.file) {
        mkdirSync(dirname(plan.file.path), { recursive: true });
        writeFileSync(plan.file.path, plan.file.content);
      }
      for (const step of plan.install) mustRun(deps.run, step);
      say(
        `Installed: Ridgeline now starts at login without the desktop window, for ${dataDir}.` +
          `${plan.file ? `\n  Service file: ${plan.file.path}` : ''}\n  Its output: ${plan.logHint}`,
        { installed: true, file: plan.file?.path ?? null, dataDir },
      );
      return exitCodes.ok;
    }
    case 'uninstall': {
      const was = isInstalled(plan, deps.run);
      // Best effort: a service that is not loaded still has its file removed.
      for (const step of plan.uninstall) deps.run(step);
      if (plan.file) rmSync(plan.file.path, { force: true });
      say(
        was
          ? 'Uninstalled: the background service is stopped and removed.'
          : 'The background service was not installed.',
        {
          installed: false,
          wasInstalled: was,
        },
      );
      return exitCodes.ok;
    }
    default: {
      const installed = isInstalled(plan, deps.run);
      const host = await hostAnswers(dataDir);
      const hostLine = !host
        ? `Host: none is running for ${dataDir}.`
        : `Host: ${host.answering ? 'answering' : 'not answering'} at ${host.url} (process ${host.pid}).`;
      const serviceLine = installed
        ? `Service: installed${plan.file ? ` (${plan.file.path})` : ''}.`
        : 'Service: not installed (`ridgeline service install` sets it up).';
      say(`${serviceLine}\n${hostLine}`, { installed, file: plan.file?.path ?? null, dataDir, host: host ?? null });
      return exitCodes.ok;
    }
  }
}

// The `ridgeline` command (built to out/cli/ridgeline.js, plain Node): drives the running host
// through its HTTP API on loopback, or starts one with `ridgeline serve`.
import { approvalsGroup } from './ridgeline/approvals';
import { runCommand, runGroup, type Command, type Group, type Io } from './ridgeline/command';
import { CliError, exitCodes, usageError } from './ridgeline/errors';
import { mcpCommand, runMcp } from './ridgeline/mcp';
import { runServe, serveCommand } from './ridgeline/serve';
import { runService, serviceGroup } from './ridgeline/service';
import { queueCommand, statusCommand } from './ridgeline/status';
import { tasksGroup } from './ridgeline/tasks';
import { runsGroup } from './ridgeline/runs';
import { ratingsGroup } from './ridgeline/ratings';
import { usageCommand } from './ridgeline/usage';
import { version } from '../../package.json';

const commands: Command[] = [statusCommand, queueCommand, usageCommand];
const groups: Group[] = [tasksGroup, runsGroup, approvalsGroup, ratingsGroup, serviceGroup];

const help = `Usage: ridgeline <command> [flags]

Ridgeline ${version}: scheduled agent pipelines on your own machine. Every command but serve and
service talks to the running Ridgeline (the desktop app or \`ridgeline serve\`) for the data
directory; service sets the headless host up to start at login.

  serve        ${serveCommand.summary}
  mcp          ${mcpCommand.summary}
${commands.map((c) => `  ${c.name.padEnd(11)}  ${c.summary}`).join('\n')}
${groups.map((g) => `  ${g.name.padEnd(11)}  ${g.summary} (${g.commands.map((c) => c.name.split(' ')[1]).join(', ')})`).join('\n')}

Every command takes --json (the API's answer, for scripts), --data-dir DIR and --help.
Colour is off when NO_COLOR is set or the output is not a terminal.

Exit codes:
  0  done
  1  the host answered with an error
  2  usage error: a bad command, flag or value, or input the host refused as invalid (with its path)
  3  no host is running for the data directory
  4  the task, run or approval does not exist
`;

async function main(argv: string[], io: Io): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.stdout.write(help);
    return name === undefined ? exitCodes.usage : exitCodes.ok;
  }
  if (name === '--version' || name === '-v') {
    io.stdout.write(`${version}\n`);
    return exitCodes.ok;
  }
  if (name === 'serve') return runServe(rest, io);
  if (name === 'mcp') return runMcp(rest, io);
  // Sets up or inspects the service whether or not a host runs, so it needs no connection first.
  if (name === 'service') return runService(rest, io);
  const command = commands.find((c) => c.name === name);
  if (command) await runCommand(command, rest, io);
  else {
    const group = groups.find((g) => g.name === name);
    if (!group) throw usageError('', `ridgeline: unknown command "${name}".`);
    await runGroup(group, rest, io);
  }
  return exitCodes.ok;
}

main(process.argv.slice(2), { env: process.env, stdout: process.stdout }).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    if (error instanceof CliError) {
      process.stderr.write(`${error.message}\n`);
      process.exitCode = error.exitCode;
      return;
    }
    process.stderr.write(`ridgeline: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = exitCodes.callFailed;
  },
);

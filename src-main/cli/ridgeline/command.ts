// How a command is declared and run: its flags, its --help text, and the session it gets (a client
// of the running host and an Output that knows --json, colour and the display timezone).
import { resolveDataDir } from '../../os/data-dir';
import { parseFlags, stringFlag, type FlagSpec, type ParsedArgs } from './args';
import { usageError } from './errors';
import { connect, type HostClient } from './host-client';
import { wantsColour, type Output } from './output';

export interface Io {
  env: NodeJS.ProcessEnv;
  stdout: { isTTY?: boolean; write(text: string): unknown };
}

export interface Session {
  client: HostClient;
  out: Output;
  dataDir: string;
}

export interface Command {
  /** As typed after `ridgeline`, e.g. "tasks add". */
  name: string;
  summary: string;
  /** The --help text after the first line: arguments, flags and an example. */
  help: string;
  flags: FlagSpec;
  run(args: ParsedArgs, session: Session): Promise<void>;
}

export interface Group {
  name: string;
  summary: string;
  commands: Command[];
}

const commonHelp = `Common flags:
  --json           print the API's own answer as JSON (for scripts)
  --data-dir DIR   the data directory whose host to talk to (default: RIDGELINE_DATA_DIR, or the desktop app's)
  -h, --help       show this help`;

export function commandHelp(command: Pick<Command, 'name' | 'summary' | 'help'>): string {
  return `Usage: ridgeline ${command.name} ${command.help.trim()}\n\n${command.summary}\n\n${commonHelp}\n`;
}

export function groupHelp(group: Group): string {
  const width = Math.max(...group.commands.map((c) => c.name.length));
  const lines = group.commands.map((c) => `  ridgeline ${c.name.padEnd(width)}  ${c.summary}`);
  return `Usage: ridgeline ${group.name} <command> [flags]\n\n${group.summary}\n\n${lines.join('\n')}\n\nRun \`ridgeline ${group.name} <command> --help\` for one command's flags.\n`;
}

export function dataDirOf(args: ParsedArgs, env: NodeJS.ProcessEnv): string {
  const flag = stringFlag(args.values, 'data-dir');
  return resolveDataDir(flag === undefined ? [] : ['--data-dir', flag], env);
}

export async function runCommand(command: Command, argv: string[], io: Io): Promise<void> {
  const args = parseFlags(command.name, argv, command.flags);
  if (args.values.help) {
    io.stdout.write(commandHelp(command));
    return;
  }
  const dataDir = dataDirOf(args, io.env);
  const client = connect(dataDir);
  const json = args.values.json === true;
  const out: Output = {
    json,
    colour: !json && wantsColour(io.stdout, io.env),
    // Scripts get the API's UTC instants; only people need the display timezone.
    timezone: json ? 'UTC' : (await client.call('app.info', {})).displayTimezone,
    write: (text) => void io.stdout.write(text),
  };
  await command.run(args, { client, out, dataDir });
}

export async function runGroup(group: Group, argv: string[], io: Io): Promise<void> {
  const [sub, ...rest] = argv;
  if (sub === undefined) throw usageError(group.name, `ridgeline ${group.name}: a command is missing.`);
  if (sub === '--help' || sub === '-h' || sub === 'help') {
    io.stdout.write(groupHelp(group));
    return;
  }
  const command = group.commands.find((c) => c.name === `${group.name} ${sub}`);
  if (!command) throw usageError(group.name, `ridgeline ${group.name}: unknown command "${sub}".`);
  await runCommand(command, rest, io);
}

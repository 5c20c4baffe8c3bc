// `ridgeline mcp`: serves Ridgeline's MCP tools over stdio (out/mcp/ridgeline-mcp.js, built beside
// this file's folder) for an MCP client that starts it, through the host running on the data
// directory. stdout carries the protocol, so this only hands the streams over and exits as it exits.
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { noArgs, parseFlags } from './args';
import { commandHelp, dataDirOf, type Command, type Io } from './command';
import { CliError, exitCodes } from './errors';

const MCP_ENTRY = resolve(__dirname, '../mcp/ridgeline-mcp.js');

export const mcpCommand: Omit<Command, 'run'> = {
  name: 'mcp',
  summary: 'Serves the MCP tools over stdio, for Claude Desktop, Claude Code, Cursor or any MCP client.',
  help: `[--data-dir DIR]

Started by the MCP client, not by hand: it reads requests on stdin and answers on stdout, through
the Ridgeline running for DIR (the desktop app or \`ridgeline serve\`). Example client config:
  { "mcpServers": { "ridgeline": { "command": "ridgeline", "args": ["mcp"] } } }`,
  flags: {},
};

export function runMcp(argv: string[], io: Io): Promise<number> {
  const args = parseFlags(mcpCommand.name, argv, mcpCommand.flags);
  if (args.values.help) {
    io.stdout.write(commandHelp(mcpCommand));
    return Promise.resolve(exitCodes.ok);
  }
  noArgs(mcpCommand.name, args);
  const child = spawn(process.execPath, [MCP_ENTRY, '--data-dir', dataDirOf(args, io.env)], {
    stdio: 'inherit',
    env: io.env,
  });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      if (child.exitCode === null) child.kill(signal);
    });
  }
  return new Promise((done, fail) => {
    child.once('error', (error) =>
      fail(new CliError(exitCodes.callFailed, `Could not start ${MCP_ENTRY}: ${error.message}`)),
    );
    child.once('exit', (code) => done(code ?? exitCodes.callFailed));
  });
}

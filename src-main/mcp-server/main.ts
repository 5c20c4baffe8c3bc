// Entry of out/mcp/ridgeline-mcp.js: `node out/mcp/ridgeline-mcp.js [--data-dir DIR]` serves MCP
// over stdio for the host running on that data directory. stdout carries the protocol; messages go to stderr.
import { AppError } from '../core/lib/errors';
import { resolveDataDir } from '../os/data-dir';
import { serveStdio } from './stdio';
import { version } from '../../package.json';

const usage = `Usage: node out/mcp/ridgeline-mcp.js [--data-dir DIR]
  Serves Ridgeline's MCP tools over stdio, through the host (desktop app or npm run serve)
  running on DIR (default: the desktop app's data directory, or RIDGELINE_DATA_DIR).`;

const argv = process.argv.slice(2);
if (argv.includes('--help') || argv.includes('-h')) {
  process.stderr.write(`${usage}\n`);
} else {
  serveStdio({ dataDir: resolveDataDir(argv), version }).then(
    () => process.exit(0),
    (error: unknown) => {
      process.stderr.write(`ridgeline-mcp: ${AppError.isInstance(error) ? error.message : String(error)}\n`);
      process.exit(AppError.isInstance(error) && error.code === 'not_started' ? 3 : 1);
    },
  );
}

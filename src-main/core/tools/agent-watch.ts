// Watches a coding agent's output for a request beyond its envelope: a permission denial or an
// approval request in the CLI's own format is one at once; a prompt for a person is one when no
// output follows it for `stallMs` (nobody will answer it). The agent.run tool then stops the agent
// and halts the run for a person instead of letting it hang until its timeout.
import type { Clock } from '../lib/clock';
import type { AgentCli } from './agent-clis';
import { promptInLine, requestInLine, type PermissionRequest } from './agent-permissions';

export interface PermissionWatch {
  /** Every complete line the agent writes, stdout and stderr: requests in the CLI's format. */
  line(text: string): void;
  /** The agent's output as it arrives, a line not yet ended included: prompts waiting for a person. */
  output(text: string): void;
  /** The first request seen, once there is one. */
  readonly request: PermissionRequest | undefined;
  stop(): void;
}

export interface WatchOptions {
  cli: AgentCli;
  stallMs: number;
  clock: Clock;
  /** Called once, with the first request. */
  onRequest(request: PermissionRequest): void;
}

/** Enough of the latest output to hold the line a prompt is on. */
const TAIL_CHARS = 2_000;

export function createPermissionWatch(options: WatchOptions): PermissionWatch {
  let found: PermissionRequest | undefined;
  let cancelStall: (() => void) | undefined;
  let tail = '';
  const fire = (request: PermissionRequest) => {
    if (found) return;
    found = request;
    cancelStall?.();
    options.onRequest(request);
  };
  return {
    line(text) {
      if (found) return;
      const request = requestInLine(options.cli, text);
      if (request) fire(request);
    },
    output(text) {
      if (found) return;
      // Any output means the agent is still going: a prompt it printed earlier was not for a person.
      cancelStall?.();
      cancelStall = undefined;
      tail = (tail + text).slice(-TAIL_CHARS);
      const last = tail
        .split('\n')
        .map((line) => line.trim())
        .filter(Boolean)
        .at(-1);
      const prompt = last === undefined ? undefined : promptInLine(options.cli, last);
      if (prompt) cancelStall = options.clock.setTimer(() => fire(prompt), options.stallMs);
    },
    get request() {
      return found;
    },
    stop() {
      cancelStall?.();
      cancelStall = undefined;
    },
  };
}

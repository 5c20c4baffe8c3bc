// The CLI's only way in: the running host's HTTP API on loopback (POST /api/<call>, GET /api/events),
// found through <dataDir>/host.json and authorised with the token in <dataDir>/api-token.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CallInput, CallName, CallOutput, ErrorPayload, PushMessage } from '../../core/api/contract';
import { readHostFile, hostFilePath, TOKEN_FILE } from '../../os/host-file';
import { CliError, exitCodes } from './errors';

export interface HostClient {
  url: string;
  call<K extends CallName>(name: K, input: CallInput<K>): Promise<CallOutput<K>>;
  /**
   * Subscribes to push events: resolves once the host has subscribed this stream, then yields
   * events as they come, until the signal aborts or the host closes the stream.
   */
  events(signal: AbortSignal): Promise<AsyncGenerator<PushMessage>>;
}

function noHost(dataDir: string, why: string): CliError {
  return new CliError(
    exitCodes.noHost,
    [
      `No Ridgeline host is running for ${dataDir} (${why}).`,
      'Start one with `ridgeline serve` (add --data-dir if you use another data directory), or open the desktop app.',
    ].join('\n'),
  );
}

function readToken(dataDir: string): string {
  try {
    return readFileSync(join(dataDir, TOKEN_FILE), 'utf8').trim();
  } catch (error) {
    throw new CliError(
      exitCodes.callFailed,
      `Cannot read the API token at ${join(dataDir, TOKEN_FILE)}: ${(error as Error).message}`,
    );
  }
}

function formatIssues(payload: ErrorPayload): string {
  const issues = payload.details.issues;
  if (!Array.isArray(issues) || issues.length === 0) return payload.message;
  const lines = (issues as { path?: string; message?: string }[]).map((i) =>
    i.path ? `  ${i.path}: ${i.message}` : `  ${i.message}`,
  );
  const call = typeof payload.details.call === 'string' ? ` for ${payload.details.call}` : '';
  return [`Invalid input${call}:`, ...lines].join('\n');
}

/** An API error as the CLI reports it: validation issues one per line with their paths. */
export function errorFromPayload(payload: ErrorPayload): CliError {
  switch (payload.code) {
    case 'validation_failed':
      return new CliError(exitCodes.usage, formatIssues(payload));
    case 'not_found':
    case 'unknown_call':
      return new CliError(exitCodes.notFound, payload.message);
    default:
      return new CliError(exitCodes.callFailed, payload.message);
  }
}

function isPayload(value: unknown): value is ErrorPayload {
  return typeof value === 'object' && value !== null && typeof (value as ErrorPayload).message === 'string';
}

export function connect(dataDir: string): HostClient {
  const host = readHostFile(dataDir);
  if (!host) throw noHost(dataDir, `no live host in ${hostFilePath(dataDir)}`);
  const token = readToken(dataDir);
  const headers = { Authorization: `Bearer ${token}` };
  const unreachable = (error: unknown): CliError =>
    noHost(dataDir, `process ${host.pid} does not answer at ${host.url}: ${(error as Error).message}`);

  async function call<K extends CallName>(name: K, input: CallInput<K>): Promise<CallOutput<K>> {
    let response: Response;
    try {
      response = await fetch(`${host!.url}/api/${name}`, {
        method: 'POST',
        headers: { ...headers, 'Content-Type': 'application/json', Accept: 'application/json' },
        body: JSON.stringify(input ?? {}),
      });
    } catch (error) {
      throw unreachable(error);
    }
    const body: unknown = await response.json().catch(() => undefined);
    if (response.ok) return body as CallOutput<K>;
    if (isPayload(body)) throw errorFromPayload({ ...body, details: body.details ?? {} });
    throw new CliError(exitCodes.callFailed, `The host answered ${name} with HTTP ${response.status}.`);
  }

  async function events(signal: AbortSignal): Promise<AsyncGenerator<PushMessage>> {
    let response: Response;
    try {
      response = await fetch(`${host!.url}/api/events`, { headers, signal });
    } catch (error) {
      throw unreachable(error);
    }
    if (!response.ok || !response.body) {
      throw new CliError(exitCodes.callFailed, `The event stream answered with HTTP ${response.status}.`);
    }
    return readEvents(response.body, signal, unreachable);
  }

  return { url: host.url, call, events };
}

async function* readEvents(
  body: ReadableStream<Uint8Array>,
  signal: AbortSignal,
  unreachable: (error: unknown) => CliError,
): AsyncGenerator<PushMessage> {
  const decoder = new TextDecoder();
  let buffered = '';
  try {
    for await (const chunk of body) {
      buffered += decoder.decode(chunk as Uint8Array, { stream: true });
      let end: number;
      while ((end = buffered.indexOf('\n\n')) >= 0) {
        const block = buffered.slice(0, end);
        buffered = buffered.slice(end + 2);
        const message = parseEvent(block);
        if (message) yield message;
      }
    }
  } catch (error) {
    if (!signal.aborted) throw unreachable(error);
  }
}

/** One server-sent event block; comments (keepalives) and unnamed events are skipped. */
function parseEvent(block: string): PushMessage | undefined {
  let event: string | undefined;
  const data: string[] = [];
  for (const line of block.split('\n')) {
    if (line.startsWith('event:')) event = line.slice(6).trim();
    else if (line.startsWith('data:')) data.push(line.slice(5).trimStart());
  }
  if (!event || data.length === 0) return undefined;
  try {
    return { event, data: JSON.parse(data.join('\n')) } as PushMessage;
  } catch {
    return undefined;
  }
}

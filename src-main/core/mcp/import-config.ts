// Turns the `mcpServers` object of Claude Desktop and Cursor into Ridgeline's own MCP server list.
// Pure: the caller stores the secrets and saves the servers. Each entry is converted or refused
// on its own, naming the path of what was wrong; a name that clashes with a configured server is
// changed and reported, never overwriting it; credentials become secrets referred to by name.
import type { z } from 'zod';
import { AppError } from '../lib/errors';
import { mcpServerSchema } from '../settings/schema';
import type { McpImportResult, McpImportedServer } from './import-types';
import { envLooksSecret, headerLooksSecret } from './secret-like';
import type { McpServerConfig } from './types';

export type McpServerInput = z.input<typeof mcpServerSchema>;

export interface ImportPlan {
  servers: McpServerConfig[];
  /** The values to store before the servers are saved; never shown in an answer. */
  secrets: { name: string; value: string }[];
  report: Omit<McpImportResult, 'applied' | 'source'>;
}

const NAME_RULE = 'Ridgeline names MCP servers with lower case letters, digits, _ or - (at most 40)';

class Refusal extends Error {
  constructor(
    readonly path: string,
    message: string,
  ) {
    super(message);
  }
}

export function planImport(text: string, existing: readonly McpServerConfig[]): ImportPlan {
  const entries = serversOf(text);
  const plan: ImportPlan = { servers: [], secrets: [], report: { added: [], renamed: [], refused: [] } };
  const taken = new Map(existing.map((server) => [server.name, server]));
  for (const [key, value] of Object.entries(entries)) {
    const base = `mcpServers.${key}`;
    try {
      const converted = convert(key, value, base);
      const name = nameFor(key, converted, taken, plan);
      if (name === undefined) continue;
      const { server, secrets, summary } = withSecrets(name, key, converted, base);
      taken.set(name, server);
      plan.servers.push(server);
      plan.secrets.push(...secrets);
      plan.report.added.push(summary);
    } catch (error) {
      if (!(error instanceof Refusal)) throw error;
      plan.report.refused.push({ name: key, path: error.path, message: error.message });
    }
  }
  return plan;
}

function serversOf(text: string): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    // Only the position: the parser's message quotes the text around it, which may hold a token.
    const at = /position (\d+)/.exec(error instanceof Error ? error.message : '')?.[1];
    throw invalid('', `is not JSON${at === undefined ? '' : ` (at character ${at})`}`);
  }
  if (!isObject(parsed)) throw invalid('', 'must be a JSON object with an mcpServers object in it');
  const servers = parsed.mcpServers ?? parsed.servers;
  if (servers === undefined) throw invalid('mcpServers', 'is missing: the config has no mcpServers object');
  if (!isObject(servers)) throw invalid('mcpServers', 'must be an object of servers by name');
  return servers;
}

/** The entry as Ridgeline's server, before secrets are split out; its name is decided later. */
function convert(key: string, value: unknown, base: string): McpServerInput {
  if (!isObject(value)) throw new Refusal(base, 'must be an object with a command or a url');
  if (value.disabled === true) throw new Refusal(`${base}.disabled`, 'the server is disabled in this config');
  const type = value.type ?? value.transport;
  const remote = typeof value.url === 'string' || (type !== undefined && type !== 'stdio');
  if (type !== undefined && !['stdio', 'http', 'streamable-http', 'streamableHttp', 'sse'].includes(String(type))) {
    throw new Refusal(`${base}.type`, `must be stdio, http, streamable-http or sse, not ${JSON.stringify(type)}`);
  }
  if (!remote) {
    if (typeof value.command !== 'string' || value.command.trim() === '') {
      throw new Refusal(`${base}.command`, 'is required: a local server needs a command (or give a url)');
    }
    return {
      name: key,
      transport: 'stdio',
      command: value.command,
      args: stringList(value.args, `${base}.args`),
      env: stringMap(value.env, `${base}.env`),
      ...(typeof value.cwd === 'string' ? { cwd: value.cwd } : {}),
    };
  }
  const url = value.url ?? value.serverUrl;
  if (typeof url !== 'string' || !/^https?:\/\/[^\s]+$/.test(url) || !URL.canParse(url)) {
    throw new Refusal(`${base}.url`, 'is required: a remote server needs an http:// or https:// URL');
  }
  return {
    name: key,
    transport: type === 'sse' ? 'sse' : 'http',
    url,
    headers: stringMap(value.headers, `${base}.headers`),
  };
}

/** The name the server gets here, or undefined when the same server is configured already. */
function nameFor(
  key: string,
  server: McpServerInput,
  taken: Map<string, McpServerConfig>,
  plan: ImportPlan,
): string | undefined {
  const wanted = legalName(key);
  const same = taken.get(wanted);
  if (same && sameServer(same, server)) {
    plan.report.refused.push({
      name: key,
      path: `mcpServers.${key}`,
      message: `is already configured as "${wanted}" with the same ${same.transport === 'stdio' ? 'command' : 'URL'}`,
    });
    return undefined;
  }
  let name = wanted;
  for (let n = 2; taken.has(name); n++) name = `${wanted.slice(0, 36)}-${n}`;
  if (name !== key) {
    const reason = taken.has(wanted)
      ? `a different server named "${wanted}" is already configured; it is kept as it is`
      : NAME_RULE;
    plan.report.renamed.push({ from: key, to: name, reason });
  }
  return name;
}

function legalName(key: string): string {
  const cleaned = key
    .toLowerCase()
    .replace(/[^a-z0-9_-]+/g, '-')
    .replace(/^[^a-z]+/, '')
    .replace(/-+$/, '');
  return (cleaned || 'server').slice(0, 40);
}

function sameServer(a: McpServerConfig, b: McpServerInput): boolean {
  if (a.transport === 'stdio') {
    return b.transport === 'stdio' && a.command === b.command && a.args.join('\0') === (b.args ?? []).join('\0');
  }
  return a.transport === b.transport && a.url === b.url;
}

/** Moves credential-like env values and headers into secrets named after the server. */
function withSecrets(name: string, key: string, input: McpServerInput, base: string) {
  const secrets: { name: string; value: string }[] = [];
  const summary: McpImportedServer = {
    name,
    from: key,
    transport: input.transport ?? 'stdio',
    ...(input.command !== undefined ? { command: input.command } : {}),
    args: input.args ?? [],
    ...(input.url !== undefined ? { url: input.url } : {}),
    env: [],
    headers: [],
    secrets: [],
  };
  const split = (values: Record<string, string>, kind: 'env' | 'headers') => {
    const plain: Record<string, string> = {};
    const named: Record<string, string> = {};
    for (const [field, value] of Object.entries(values)) {
      const secret = kind === 'env' ? envLooksSecret(field, value) : headerLooksSecret(field, value);
      if (!secret) {
        plain[field] = value;
        summary[kind].push(field);
        continue;
      }
      const secretName = `mcp.${name}.${field.replace(/[^A-Za-z0-9_.-]/g, '_')}`.slice(0, 100);
      named[field] = secretName;
      secrets.push({ name: secretName, value });
      summary.secrets.push({ name: secretName, path: `${base}.${kind}.${field}` });
    }
    return { plain, named };
  };
  const env = split(input.env ?? {}, 'env');
  const headers = split(input.headers ?? {}, 'headers');
  const checked = mcpServerSchema.safeParse({
    ...input,
    name,
    env: env.plain,
    secretEnv: env.named,
    headers: headers.plain,
    secretHeaders: headers.named,
  });
  if (!checked.success) {
    const issue = checked.error.issues[0]!;
    throw new Refusal([base, ...issue.path.map(String)].join('.'), issue.message);
  }
  return { server: checked.data, secrets, summary };
}

function stringList(value: unknown, path: string): string[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) throw new Refusal(path, 'must be a list of strings');
  return value.map((item, i) => {
    if (typeof item === 'string') return item;
    if (typeof item === 'number' || typeof item === 'boolean') return String(item);
    throw new Refusal(`${path}[${i}]`, 'must be a string');
  });
}

function stringMap(value: unknown, path: string): Record<string, string> {
  if (value === undefined || value === null) return {};
  if (!isObject(value)) throw new Refusal(path, 'must be an object of names to strings');
  const out: Record<string, string> = {};
  for (const [field, item] of Object.entries(value)) {
    if (typeof item === 'string') out[field] = item;
    else if (typeof item === 'number' || typeof item === 'boolean') out[field] = String(item);
    else throw new Refusal(`${path}.${field}`, 'must be a string');
  }
  return out;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function invalid(path: string, message: string): AppError {
  const where = path ? `${path}: ` : '';
  return new AppError('validation_failed', `The MCP config ${where}${message}`, { issues: [{ path, message }] });
}

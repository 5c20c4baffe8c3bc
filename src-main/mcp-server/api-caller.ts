// The MCP server reaches Ridgeline only through the API contract: in the host's own process by
// dispatch (/mcp), or over the host's HTTP API with its token (stdio). Both fail with an AppError.
import { AppError, isErrorPayload } from '../core/lib/errors';
import type { CallInput, CallName, CallOutput } from '../core/api/contract';
import { API_PREFIX } from '../core/api/transport';

export interface ApiCaller {
  call<K extends CallName>(name: K, input: CallInput<K>): Promise<CallOutput<K>>;
}

/** Dispatch inside the host: the same validation and handlers as every other transport. */
export function inProcessCaller(api: { invoke(name: string, input: unknown): Promise<unknown> }): ApiCaller {
  return {
    call: async (name, input) => (await api.invoke(name, input)) as CallOutput<typeof name>,
  };
}

export interface HttpCallerOptions {
  baseUrl: string;
  token: string;
  fetch?: typeof fetch;
}

/** POST /api/<call> on a running host with the bearer token; its { code, message, details } becomes an AppError. */
export function httpCaller(options: HttpCallerOptions): ApiCaller {
  const send = options.fetch ?? fetch;
  return {
    async call(name, input) {
      let response: Response;
      try {
        response = await send(`${options.baseUrl}${API_PREFIX}${name}`, {
          method: 'POST',
          headers: { Authorization: `Bearer ${options.token}`, 'Content-Type': 'application/json' },
          body: JSON.stringify(input ?? {}),
        });
      } catch (error) {
        throw new AppError(
          'not_started',
          `The Ridgeline host at ${options.baseUrl} did not answer (${String(error)}). Start it with \`npm run serve\` or the desktop app.`,
        );
      }
      const body: unknown = await response.json().catch(() => null);
      if (response.ok) return body as CallOutput<typeof name>;
      if (isErrorPayload(body)) throw new AppError(body.code, body.message, body.details ?? {});
      throw new AppError('internal', `${name} failed with HTTP ${response.status}.`, { status: response.status });
    },
  };
}

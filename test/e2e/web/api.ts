// Calls the headless host's API straight from a test (as the CLI would, with the bearer token),
// to set up or check data without going through the board.
import type { APIRequestContext } from '@playwright/test';
import type { CallInput, CallName, CallOutput } from '../../../src-main/core/api/contract';
import type { HeadlessHost } from '../../helpers/headless-host';

export async function apiCall<K extends CallName>(
  request: APIRequestContext,
  host: HeadlessHost,
  name: K,
  input: CallInput<K>,
): Promise<CallOutput<K>> {
  const response = await request.post(`${host.baseUrl}/api/${name}`, {
    headers: { Authorization: `Bearer ${host.token}` },
    data: input,
  });
  if (!response.ok()) throw new Error(`${name} failed with HTTP ${response.status()}: ${await response.text()}`);
  return (await response.json()) as CallOutput<K>;
}

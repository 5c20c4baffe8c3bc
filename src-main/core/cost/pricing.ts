// The model price table: the bundled resources/prices.json, with the user's <dataDir>/prices.json
// merged over it model by model. Prices are USD per million input and output tokens; a model
// missing from the table (every local model unless the user lists it) costs nothing.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import bundled from '../../../resources/prices.json';

const TOKENS_PER_UNIT = 1_000_000;

const modelPrice = z.object({ input: z.number().min(0), output: z.number().min(0) }).strict();
const priceTableSchema = z.object({
  unit: z.string().optional(),
  providers: z.record(z.string(), z.record(z.string(), modelPrice)),
});

export type ModelPrice = z.output<typeof modelPrice>;
export type PriceTable = Record<string, Record<string, ModelPrice>>;

export const PRICES_FILE = 'prices.json';

export interface LoadedPrices {
  table: PriceTable;
  /** Why the user's file was not used (it is then ignored), naming the file and the field. */
  problem: string | null;
}

/** The bundled table, and the user's file over it when the data directory has one. */
export function loadPrices(dataDir: string | undefined): LoadedPrices {
  const table = priceTableSchema.parse(bundled).providers;
  if (!dataDir) return { table, problem: null };
  const file = join(dataDir, PRICES_FILE);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { table, problem: null };
    return { table, problem: `${file}: cannot be read (${(error as Error).message})` };
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    return { table, problem: `${file}: not valid JSON (${(error as Error).message})` };
  }
  const parsed = priceTableSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const path = issue?.path.map(String).join('.') ?? '';
    return { table, problem: `${file}: ${path || '(file)'}: ${issue?.message ?? 'invalid'}` };
  }
  const merged: PriceTable = { ...table };
  for (const [provider, models] of Object.entries(parsed.data.providers)) {
    merged[provider] = { ...merged[provider], ...models };
  }
  return { table: merged, problem: null };
}

/**
 * A model's price: its exact name, else the longest listed name it extends with a dash or an
 * "@" (dated snapshots such as claude-sonnet-4-5-20250929 are priced as claude-sonnet-4-5).
 */
export function priceOf(table: PriceTable, provider: string, model: string): ModelPrice | undefined {
  const models = table[provider];
  if (!models) return undefined;
  const exact = models[model];
  if (exact) return exact;
  let best: string | undefined;
  for (const name of Object.keys(models)) {
    const extends_ = model.startsWith(`${name}-`) || model.startsWith(`${name}@`);
    if (extends_ && (!best || name.length > best.length)) best = name;
  }
  return best ? models[best] : undefined;
}

/** Cost in USD of a call's tokens under the table. */
export function costOf(
  table: PriceTable,
  call: { provider: string; model: string; inputTokens: number; outputTokens: number },
): { costUsd: number; priced: boolean } {
  const price = priceOf(table, call.provider, call.model);
  if (!price) return { costUsd: 0, priced: false };
  const costUsd = (call.inputTokens * price.input + call.outputTokens * price.output) / TOKENS_PER_UNIT;
  return { costUsd, priced: true };
}

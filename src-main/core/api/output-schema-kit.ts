// The pieces every output schema file is built from: the exact-type check, an instant, a record, a page.
import { z } from 'zod';

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
/** The schema, if its output type is exactly T; a compile error otherwise. */
export const exactly =
  <T>() =>
  <S extends z.ZodType>(schema: S & (Same<z.output<S>, T> extends true ? unknown : never)): S =>
    schema;

export const instant = z.string().describe('UTC ISO-8601 date-time');
export const record = z.record(z.string(), z.unknown());

export const page = <S extends z.ZodType>(item: S) =>
  z.strictObject({ items: z.array(item), total: z.number().int(), limit: z.number().int(), offset: z.number().int() });

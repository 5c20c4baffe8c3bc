// Identifiers: random UUIDs for rows the user sees, so ids never collide across machines.
import { randomUUID } from 'node:crypto';

export function newId(): string {
  return randomUUID();
}

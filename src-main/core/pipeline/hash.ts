// Content hashes of step inputs and outputs: sha256 of canonical JSON (object keys sorted), so the
// same input hashes the same whatever order its keys were written in.
import { hash } from 'node:crypto';

export function canonicalJson(value: unknown): string {
  return (
    JSON.stringify(value, (_key, v: unknown) => {
      if (v === null || typeof v !== 'object' || Array.isArray(v)) return v;
      const sorted: Record<string, unknown> = {};
      for (const k of Object.keys(v).sort()) sorted[k] = (v as Record<string, unknown>)[k];
      return sorted;
    }) ?? 'null'
  );
}

export function hashJson(value: unknown): string {
  return hash('sha256', canonicalJson(value), 'hex');
}

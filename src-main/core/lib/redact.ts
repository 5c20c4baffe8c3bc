// Secrets never reach a log, a checkpoint, a notification or the database: values under
// secret-looking keys and any registered secret value are replaced before they are written.
const SECRET_KEY = /(api[-_]?key|token|secret|password|passwd|authorization|cookie|credential)/i;
export const REDACTED = '[redacted]';

export class Redactor {
  private readonly secrets = new Set<string>();

  /** Registers a secret value so that it is masked wherever it appears. Short values are ignored. */
  addSecret(value: string): void {
    if (value.length >= 6) this.secrets.add(value);
  }

  text(input: string): string {
    let out = input;
    for (const secret of this.secrets) out = out.split(secret).join(REDACTED);
    return out.replace(/\b(Bearer\s+)[A-Za-z0-9._~+/=-]{8,}/g, `$1${REDACTED}`);
  }

  value(input: unknown, depth = 0): unknown {
    if (typeof input === 'string') return this.text(input);
    if (depth > 8 || input === null || typeof input !== 'object') return input;
    if (Array.isArray(input)) return input.map((item) => this.value(item, depth + 1));
    const out: Record<string, unknown> = {};
    for (const [key, val] of Object.entries(input)) {
      out[key] = SECRET_KEY.test(key) && val != null && val !== '' ? REDACTED : this.value(val, depth + 1);
    }
    return out;
  }
}

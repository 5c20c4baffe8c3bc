// Secrets never reach a log, a checkpoint, a notification or the database: values under
// secret-looking keys and any registered secret value are replaced before they are written.
// `token` but not `tokens`: token counts (inputTokens, max_tokens) are usage, not credentials.
import { headOfMasked, maskCutEdges, REDACTED, safeCutBefore, tailOfMasked } from './secret-cuts';

const SECRET_KEY = /(api[-_]?key|token(?!s)|secret|password|passwd|authorization|cookie|credential)/i;
export { REDACTED };

/** What a text cut by `head` or `tail` was itself cut out of. */
export interface CutOptions {
  /** The text ends where something longer was cut off (a byte cap): a secret's beginning at its end is masked. */
  truncated?: boolean;
}

/** The masking a tool needs for what it keeps of a command's or a server's output. */
export type SecretMasker = Pick<Redactor, 'text' | 'head' | 'tail' | 'safeCut'>;

export class Redactor {
  private readonly secrets = new Set<string>();

  /** Registers a secret value so that it is masked wherever it appears. Short values are ignored. */
  addSecret(value: string): void {
    if (value.length >= 6) this.secrets.add(value);
  }

  text(input: string): string {
    let out = input;
    // Every event, checkpoint and log line passes here: a text with no secret in it is not copied.
    for (const secret of this.secrets) if (out.includes(secret)) out = out.split(secret).join(REDACTED);
    return out.includes('Bearer') ? out.replace(/\b(Bearer\s+)[A-Za-z0-9._~+/=-]{8,}/g, `$1${REDACTED}`) : out;
  }

  /** The first `maxChars` characters of the masked text; no piece of a secret is left at the cut. */
  head(input: string, maxChars: number, options: CutOptions = {}): string {
    const masked = maskCutEdges(this.text(input), this.secrets, { end: options.truncated === true });
    if (masked.length <= maxChars) return masked;
    return maskCutEdges(headOfMasked(masked, maxChars), this.secrets, { end: true });
  }

  /** The last `maxChars` characters of the masked text; no piece of a secret is left at either edge. */
  tail(input: string, maxChars: number, options: CutOptions = {}): string {
    const masked = maskCutEdges(this.text(input), this.secrets, { end: options.truncated === true });
    if (masked.length <= maxChars) return masked;
    return maskCutEdges(tailOfMasked(masked, maxChars), this.secrets, { start: true });
  }

  /** Where to cut unmasked text at or before `at` so that no registered secret is split (see secret-cuts.ts). */
  safeCut(input: string, at: number): number {
    return safeCutBefore(input, at, this.secrets);
  }

  value(input: unknown, depth = 0): unknown {
    if (typeof input === 'string') return this.text(input);
    if (depth > 8 || input === null || typeof input !== 'object') return input;
    if (Array.isArray(input)) return input.map((item) => this.value(item, depth + 1));
    const out: Record<string, unknown> = {};
    for (const [key, val] of Object.entries(input)) {
      out[key] = hidesUnder(key, val) ? REDACTED : this.value(val, depth + 1);
    }
    return out;
  }

  /** A copy of a value with registered secrets masked in every string; field names and shape are kept. */
  strings<T>(input: T): T {
    return JSON.parse(
      JSON.stringify(input, (_key, val: unknown) => (typeof val === 'string' ? this.text(val) : val)),
    ) as T;
  }

  /** JSON text of a value with every string masked at any depth: what a database column receives. */
  json(input: unknown): string {
    // Most values have nothing to mask, and JSON.stringify is several times faster without a replacer.
    const plain = JSON.stringify(input) as string | undefined;
    if (plain === undefined || !this.mayHide(plain)) return plain as string;
    return JSON.stringify(input, (key: string, val: unknown) => {
      if (key !== '' && hidesUnder(key, val)) return REDACTED;
      return typeof val === 'string' ? this.text(val) : val;
    });
  }

  /**
   * Whether JSON text may hold something json() masks: a secret-looking key, a registered secret
   * (as it is written in JSON, escapes and all) or a bearer token. A false alarm only costs time.
   */
  private mayHide(json: string): boolean {
    if (SECRET_KEY.test(json) || json.includes('Bearer')) return true;
    for (const secret of this.secrets) {
      if (json.includes(secret) || json.includes(JSON.stringify(secret).slice(1, -1))) return true;
    }
    return false;
  }
}

/** A value under a secret-looking key is masked whole, unless it is a number or a flag. */
function hidesUnder(key: string, val: unknown): boolean {
  return SECRET_KEY.test(key) && val != null && val !== '' && typeof val !== 'number' && typeof val !== 'boolean';
}

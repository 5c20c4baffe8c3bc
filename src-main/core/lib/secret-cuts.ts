// Cutting text that may hold secrets: a cut must never leave a piece of a secret behind. Whole
// secrets are masked before a text is cut, a cut never splits a mask, and what is left of a secret
// at a cut edge (its beginning at the end of a kept head, its end at the start of a kept tail) is
// masked too.
export const REDACTED = '[redacted]';

/** Shorter leftovers at a cut edge are too likely to be ordinary text to be worth masking. */
const MIN_EDGE_CHARS = 4;

/** How many characters at the end of `text` are the beginning of one of the secrets (0 if none). */
function secretStartAtEnd(text: string, secrets: Iterable<string>): number {
  let longest = 0;
  for (const secret of secrets) {
    for (let k = Math.min(secret.length - 1, text.length); k >= MIN_EDGE_CHARS && k > longest; k--) {
      if (text.endsWith(secret.slice(0, k))) longest = k;
    }
  }
  return longest;
}

/** How many characters at the start of `text` are the end of one of the secrets (0 if none). */
function secretEndAtStart(text: string, secrets: Iterable<string>): number {
  let longest = 0;
  for (const secret of secrets) {
    for (let k = Math.min(secret.length - 1, text.length); k >= MIN_EDGE_CHARS && k > longest; k--) {
      if (text.startsWith(secret.slice(secret.length - k))) longest = k;
    }
  }
  return longest;
}

export interface CutEdges {
  /** Text was cut away before `text`: a secret's end at its start is masked. */
  start?: boolean;
  /** Text was cut away after `text`: a secret's beginning at its end is masked. */
  end?: boolean;
}

/** Masks what is left of a secret at the edges of a text that was cut out of a longer one. */
export function maskCutEdges(text: string, secrets: Iterable<string>, edges: CutEdges): string {
  let out = text;
  if (edges.end) {
    const k = secretStartAtEnd(out, secrets);
    if (k > 0) out = out.slice(0, out.length - k) + REDACTED;
  }
  if (edges.start) {
    const k = secretEndAtStart(out, secrets);
    if (k > 0) out = REDACTED + out.slice(k);
  }
  return out;
}

/** The first `maxChars` characters of an already masked text, keeping a mask that straddles the cut whole. */
export function headOfMasked(masked: string, maxChars: number): string {
  if (masked.length <= maxChars) return masked;
  let cut = maxChars;
  const mark = masked.lastIndexOf(REDACTED, cut - 1);
  if (mark >= 0 && mark + REDACTED.length > cut) cut = mark + REDACTED.length;
  return masked.slice(0, cut);
}

/** The last `maxChars` characters of an already masked text, keeping a mask that straddles the cut whole. */
export function tailOfMasked(masked: string, maxChars: number): string {
  if (masked.length <= maxChars) return masked;
  let cut = masked.length - maxChars;
  const mark = masked.lastIndexOf(REDACTED, cut - 1);
  if (mark >= 0 && mark + REDACTED.length > cut) cut = mark;
  return masked.slice(cut);
}

/**
 * The largest position at or before `at` where `text` can be cut without splitting one of the
 * secrets, including one that runs past the end of `text` (still arriving): the piece before the
 * cut then ends before the secret, and the secret stays whole for whoever masks the next piece.
 */
export function safeCutBefore(text: string, at: number, secrets: Iterable<string>): number {
  let cut = at;
  for (const secret of secrets) {
    for (let k = Math.min(secret.length - 1, at); k >= 1; k--) {
      const start = at - k;
      if (start >= cut) continue;
      if (!text.startsWith(secret.slice(0, k), start)) continue;
      const after = text.slice(at, at + secret.length - k);
      if (secret.startsWith(after, k)) cut = start;
    }
  }
  return cut;
}

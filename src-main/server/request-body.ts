// Reads an API request's JSON body within a size limit and an idle limit, so an oversized body
// is a 413 and a stalled one a 408 instead of a reset connection or a request held open forever.
import { AppError } from '../core/lib/errors';

export interface BodyLimits {
  maxBytes: number;
  /** How long the body may go without a byte arriving. */
  idleMs: number;
}

/** A refusal with its own HTTP status; the payload keeps the contract's { code, message, details }. */
export class HttpRefusal extends AppError {
  constructor(
    readonly status: 400 | 405 | 408 | 413,
    message: string,
    details: Record<string, unknown> = {},
  ) {
    super('validation_failed', message, details);
  }
}

function tooLarge(limits: BodyLimits): HttpRefusal {
  return new HttpRefusal(413, `Request body is larger than ${limits.maxBytes} bytes.`, {
    limitBytes: limits.maxBytes,
  });
}

export async function readWithin(request: Request, limits: BodyLimits): Promise<Buffer> {
  const declared = request.headers.get('content-length');
  if (declared !== null && Number(declared) > limits.maxBytes) throw tooLarge(limits);
  if (!request.body) return Buffer.alloc(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    let timer: NodeJS.Timeout | undefined;
    const stalled = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new HttpRefusal(408, `Request body stalled: no data for ${limits.idleMs} ms.`)),
        limits.idleMs,
      );
    });
    try {
      const { done, value } = await Promise.race([reader.read(), stalled]);
      if (done) break;
      size += value.byteLength;
      if (size > limits.maxBytes) throw tooLarge(limits);
      chunks.push(value);
    } catch (error) {
      reader.cancel().catch(() => undefined);
      if (error instanceof HttpRefusal) throw error;
      // The client went away mid-body: nobody reads this answer, but it is no server failure.
      throw new HttpRefusal(400, 'The request was aborted before its body arrived.');
    } finally {
      clearTimeout(timer);
    }
  }
  return Buffer.concat(chunks);
}

/** The body as JSON; an empty body is `{}`. */
export async function readJsonBody(request: Request, limits: BodyLimits): Promise<unknown> {
  const text = (await readWithin(request, limits)).toString('utf8');
  if (text.trim() === '') return {};
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new HttpRefusal(400, `Request body is not valid JSON: ${(error as Error).message}`);
  }
}

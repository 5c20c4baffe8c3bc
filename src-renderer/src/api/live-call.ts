// One API read kept live, without React: asks the call, asks again after the push events that
// change its answer (throttled) and on every (re)connection of the stream, patches the answer from
// pushes, and never lets an older answer replace a newer one. useLiveCall wraps it for components.
import { ApiError } from './api-error';
import type { ApiClient } from './client';
import type { CallInput, CallName, CallOutput, PushEventName, PushMessage } from './contract-types';
import type { ConnectionStatus } from './transport';

export interface LiveCallOptions<K extends CallName, T> {
  /** Push events after which the call is asked again: their names, or a test of each message
   * against the value as it was before the message was applied. */
  refetchOn?: readonly PushEventName[] | ((message: PushMessage, current: T | undefined) => boolean);
  /** Refetches caused by pushes and reconnections come at most once per this many ms: the first at
   * once, the last of a burst after the wait. 0 still folds a burst of one tick into one refetch. */
  throttleMs?: number;
  /** An input change waits this long for the next one before asking (typing). */
  debounceMs?: number;
  /** Turns an answer into the value kept; the default keeps the answer. */
  select?: (output: CallOutput<K>, input: CallInput<K>, previous: T | undefined) => T;
  /** Patches the value from a push. Pushes that arrive while a request is in flight are applied
   * again on top of its answer, which may predate them. */
  apply?: (current: T, message: PushMessage) => T;
}

export interface LiveCallSnapshot<T> {
  /** The latest value, and the request it answers (plus the pushes and updates since). */
  value: T | undefined;
  valueKey: string | null;
  /** The latest answer's error, cleared by a later success; the value stays meanwhile. */
  error: ApiError | null;
  /** Which request the latest answer (value or error) answered. */
  answerKey: string | null;
  connection: ConnectionStatus;
}

type Change<T> = (current: T) => T;

export class LiveCall<K extends CallName, T> {
  private snapshot: LiveCallSnapshot<T> = {
    value: undefined,
    valueKey: null,
    error: null,
    answerKey: null,
    connection: 'connecting',
  };
  private readonly watchers = new Set<() => void>();
  private requestKey: string | null = null;
  /** Bumped by every request and by stop, so only the newest request's answer is accepted. */
  private seq = 0;
  /** Changes made while the newest request is in flight, replayed onto its answer; null when
   * nothing is in flight. */
  private inFlight: Change<T>[] | null = null;
  private stopStream: (() => void) | null = null;
  private throttleTimer: ReturnType<typeof setTimeout> | undefined;
  private debounceTimer: ReturnType<typeof setTimeout> | undefined;
  private lastAskedAt = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly api: ApiClient,
    private readonly name: K,
    /** Read at each use, so callers may pass fresh closures on every render. */
    private readonly options: { readonly current: LiveCallOptions<K, T> },
  ) {}

  readonly read = (): LiveCallSnapshot<T> => this.snapshot;

  readonly watch = (watcher: () => void): (() => void) => {
    this.watchers.add(watcher);
    return () => this.watchers.delete(watcher);
  };

  /** Joins the push stream. The request is asked by `request`, so a stream that is live at once
   * (IPC, or a stream another hook opened) does not ask before there is anything to ask. */
  start(): () => void {
    this.stopStream = this.api.listen({
      onMessage: (message) => this.pushed(message),
      onStatus: (connection) => {
        this.set({ connection });
        // Whatever was pushed while the stream was down is missed; the answer is asked again.
        if (connection === 'live') this.refetchSoon();
      },
    });
    return () => this.stop();
  }

  /** Sets what to ask (a JSON [name, input] key), or null for nothing. */
  request(requestKey: string | null): void {
    if (requestKey === this.requestKey) return;
    this.requestKey = requestKey;
    clearTimeout(this.debounceTimer);
    this.seq += 1;
    this.inFlight = null;
    if (requestKey === null) return;
    const debounceMs = this.options.current.debounceMs ?? 0;
    if (debounceMs > 0) this.debounceTimer = setTimeout(() => void this.refetch(), debounceMs);
    else void this.refetch();
  }

  /** Asks now; resolves when the answer (or error) is in, or was dropped for a newer one. */
  refetch(): Promise<void> {
    clearTimeout(this.throttleTimer);
    this.throttleTimer = undefined;
    const requestKey = this.requestKey;
    if (requestKey === null || !this.stopStream) return Promise.resolve();
    const asked = ++this.seq;
    this.inFlight = [];
    this.lastAskedAt = Date.now();
    const input = (JSON.parse(requestKey) as [K, CallInput<K>])[1];
    return this.api.call(this.name, input).then(
      (output) => {
        if (asked !== this.seq) return;
        const { select } = this.options.current;
        const previous = this.snapshot.value;
        const answered = select ? select(output, input, previous) : (output as unknown as T);
        const value = (this.inFlight ?? []).reduce((v, change) => change(v), answered);
        this.inFlight = null;
        this.set({ value, valueKey: requestKey, error: null, answerKey: requestKey });
      },
      (error: unknown) => {
        if (asked !== this.seq) return;
        this.inFlight = null;
        const apiError = error instanceof ApiError ? error : new ApiError('bad_response', String(error));
        this.set({ error: apiError, answerKey: requestKey });
      },
    );
  }

  /** A local change (a save's answer, a decision): applied now, and onto an answer in flight. */
  update(change: Change<T>): void {
    this.inFlight?.push(change);
    if (this.snapshot.value !== undefined) this.set({ value: change(this.snapshot.value) });
  }

  private pushed(message: PushMessage): void {
    const { refetchOn, apply } = this.options.current;
    const wanted =
      typeof refetchOn === 'function'
        ? refetchOn(message, this.snapshot.value)
        : (refetchOn?.includes(message.event) ?? false);
    if (apply) this.update((current) => apply(current, message));
    if (wanted) this.refetchSoon();
  }

  private refetchSoon(): void {
    if (this.throttleTimer !== undefined || this.requestKey === null) return;
    const wait = Math.max(0, this.lastAskedAt + (this.options.current.throttleMs ?? 0) - Date.now());
    this.throttleTimer = setTimeout(() => void this.refetch(), wait);
  }

  private stop(): void {
    this.stopStream?.();
    this.stopStream = null;
    clearTimeout(this.throttleTimer);
    clearTimeout(this.debounceTimer);
    this.throttleTimer = undefined;
    // An answer still on its way belongs to nobody now.
    this.seq += 1;
    this.inFlight = null;
    this.requestKey = null;
  }

  private set(patch: Partial<LiveCallSnapshot<T>>): void {
    this.snapshot = { ...this.snapshot, ...patch };
    this.watchers.forEach((watcher) => watcher());
  }
}

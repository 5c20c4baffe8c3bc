// Secrets in the OS keychain through keytar (macOS Keychain, Windows Credential Manager, libsecret on
// Linux), under the service "Ridgeline". keytar is a native module loaded on first use: when it
// cannot load, or no keychain answers (no Secret Service on D-Bus), the keychain reports itself
// unavailable with the reason instead of failing the host. Every call has a deadline, so a keyring
// prompt nobody answers cannot hold the API or the start of the host.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { AppError } from '../core/lib/errors';

export const KEYCHAIN_SERVICE = 'Ridgeline';
/** Looked up (never written) to learn whether a keychain answers at all. */
const PROBE_ACCOUNT = 'ridgeline.keychain-probe';
/** A Secret Service that D-Bus starts but that never answers (a locked keyring with no one to unlock it). */
const PROBE_TIMEOUT_MS = 5000;
/** How long a read, store, delete or listing may take before it fails with `timed_out`. */
export const KEYCHAIN_CALL_TIMEOUT_MS = 10_000;

function withinTimeout<T>(promise: Promise<T>, ms: number, timedOut: () => Error): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(timedOut()), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

function seconds(ms: number): string {
  return `${Number((ms / 1000).toFixed(3))} s`;
}

/** The keytar functions Ridgeline uses. */
export interface KeytarApi {
  getPassword(service: string, account: string): Promise<string | null>;
  setPassword(service: string, account: string, password: string): Promise<void>;
  deletePassword(service: string, account: string): Promise<boolean>;
  findCredentials(service: string): Promise<Array<{ account: string; password: string }>>;
}

export type KeychainStatus = { available: true } | { available: false; reason: string };

export interface Keychain {
  /** Whether a keychain answers; asked once, then remembered for the life of the process. */
  status(): Promise<KeychainStatus>;
  get(name: string): Promise<string | undefined>;
  set(name: string, value: string): Promise<void>;
  /** True when the keychain held the secret. */
  delete(name: string): Promise<boolean>;
  /** Names stored under the Ridgeline service. */
  names(): Promise<string[]>;
  /** Values stored under the Ridgeline service, to be masked from the start. */
  values(): Promise<string[]>;
}

async function loadKeytar(): Promise<KeytarApi> {
  const loaded = (await import('keytar')) as KeytarApi & { default?: KeytarApi };
  return loaded.default ?? loaded;
}

/**
 * Why libsecret could reach no Secret Service, or undefined when it may: on Linux and the BSDs it
 * talks over the D-Bus session bus, which it finds in DBUS_SESSION_BUS_ADDRESS, at
 * $XDG_RUNTIME_DIR/bus, or by starting one for an X display. Without any of them, loading keytar
 * would map libsecret, GLib and GIO (about 5 MB) only to learn that no keychain answers.
 */
export function missingSessionBus(
  platform: NodeJS.Platform,
  env: NodeJS.ProcessEnv,
  exists: (path: string) => boolean = existsSync,
): string | undefined {
  if (platform === 'darwin' || platform === 'win32') return undefined;
  if (env.DBUS_SESSION_BUS_ADDRESS || env.DISPLAY) return undefined;
  if (env.XDG_RUNTIME_DIR && exists(join(env.XDG_RUNTIME_DIR, 'bus'))) return undefined;
  return 'no D-Bus session bus (DBUS_SESSION_BUS_ADDRESS is not set), so no Secret Service can be reached';
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export interface KeychainOptions {
  service?: string;
  load?: () => Promise<KeytarApi>;
  /** Deadline of each call (default KEYCHAIN_CALL_TIMEOUT_MS). */
  timeoutMs?: number;
  /**
   * Why no keychain can answer, asked before keytar loads. By default, with the real keytar, the
   * session bus check above; an injected loader stands for a keytar whose answers are known.
   */
  unreachable?: () => string | undefined;
}

export function createKeychain(options: KeychainOptions = {}): Keychain {
  const service = options.service ?? KEYCHAIN_SERVICE;
  const load = options.load ?? loadKeytar;
  const timeoutMs = options.timeoutMs ?? KEYCHAIN_CALL_TIMEOUT_MS;
  const unreachable =
    options.unreachable ?? (options.load ? () => undefined : () => missingSessionBus(process.platform, process.env));

  // keytar runs each call on a worker thread, and two libsecret calls at once (a listing started by
  // a settings change while a secret is deleted) have crashed the process: calls go one at a time.
  let previous: Promise<unknown> = Promise.resolve();

  /** One keychain call with its deadline; `operation` names it in the error ("store the secret \"x\""). */
  function call<T>(operation: string, start: () => Promise<T>): Promise<T> {
    const next = previous.then(() => timed(operation, start()));
    previous = next.catch(() => undefined);
    return next;
  }

  function timed<T>(operation: string, promise: Promise<T>): Promise<T> {
    return withinTimeout(
      promise,
      timeoutMs,
      () =>
        new AppError(
          'timed_out',
          `The OS keychain did not answer within ${seconds(timeoutMs)} when asked to ${operation}. ` +
            'If a keyring prompt is open, answer it (or unlock the keyring) and try again.',
          { operation, timeoutMs },
        ),
    );
  }
  let ready: Promise<{ keytar: KeytarApi } | { reason: string }> | undefined;

  /** Loads keytar and asks the keychain one harmless question, so a dead D-Bus shows up here. */
  function probe(): Promise<{ keytar: KeytarApi } | { reason: string }> {
    ready ??= (async () => {
      const noBus = unreachable();
      if (noBus) return { reason: noBus };
      let keytar: KeytarApi;
      try {
        keytar = await load();
      } catch (error) {
        return { reason: `the keytar module could not be loaded (${messageOf(error)})` };
      }
      try {
        await withinTimeout(
          keytar.getPassword(service, PROBE_ACCOUNT),
          PROBE_TIMEOUT_MS,
          () => new Error(`The keychain did not answer within ${seconds(PROBE_TIMEOUT_MS)}`),
        );
        return { keytar };
      } catch (error) {
        return { reason: messageOf(error) };
      }
    })();
    return ready;
  }

  async function keytarOrThrow(): Promise<KeytarApi> {
    const probed = await probe();
    if ('reason' in probed) throw new Error(`No OS keychain is available: ${probed.reason}`);
    return probed.keytar;
  }

  return {
    async status() {
      const probed = await probe();
      return 'reason' in probed ? { available: false, reason: probed.reason } : { available: true };
    },
    async get(name) {
      const probed = await probe();
      if ('reason' in probed) return undefined;
      return (await call(`read the secret "${name}"`, () => probed.keytar.getPassword(service, name))) ?? undefined;
    },
    async set(name, value) {
      const keytar = await keytarOrThrow();
      await call(`store the secret "${name}"`, () => keytar.setPassword(service, name, value));
    },
    async delete(name) {
      const keytar = await keytarOrThrow();
      return call(`delete the secret "${name}"`, () => keytar.deletePassword(service, name));
    },
    async names() {
      const probed = await probe();
      if ('reason' in probed) return [];
      const found = await call('list the stored secrets', () => probed.keytar.findCredentials(service));
      return found.map((c) => c.account).sort();
    },
    async values() {
      const probed = await probe();
      if ('reason' in probed) return [];
      const found = await call('read the stored secrets', () => probed.keytar.findCredentials(service));
      return found.map((c) => c.password);
    },
  };
}

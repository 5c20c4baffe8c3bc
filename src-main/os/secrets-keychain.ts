// Secrets in the OS keychain through keytar (macOS Keychain, Windows Credential Manager, libsecret on
// Linux), under the service "Ridgeline". keytar is a native module loaded on first use: when it
// cannot load, or no keychain answers (no Secret Service on D-Bus), the keychain reports itself
// unavailable with the reason instead of failing the host.

export const KEYCHAIN_SERVICE = 'Ridgeline';
/** Looked up (never written) to learn whether a keychain answers at all. */
const PROBE_ACCOUNT = 'ridgeline.keychain-probe';
/** A Secret Service that D-Bus starts but that never answers (a locked keyring with no one to unlock it). */
const PROBE_TIMEOUT_MS = 5000;

function withinTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not answer within ${ms / 1000} s`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
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
}

async function loadKeytar(): Promise<KeytarApi> {
  const loaded = (await import('keytar')) as KeytarApi & { default?: KeytarApi };
  return loaded.default ?? loaded;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export function createKeychain(options: { service?: string; load?: () => Promise<KeytarApi> } = {}): Keychain {
  const service = options.service ?? KEYCHAIN_SERVICE;
  const load = options.load ?? loadKeytar;
  let ready: Promise<{ keytar: KeytarApi } | { reason: string }> | undefined;

  /** Loads keytar and asks the keychain one harmless question, so a dead D-Bus shows up here. */
  function probe(): Promise<{ keytar: KeytarApi } | { reason: string }> {
    ready ??= (async () => {
      let keytar: KeytarApi;
      try {
        keytar = await load();
      } catch (error) {
        return { reason: `the keytar module could not be loaded (${messageOf(error)})` };
      }
      try {
        await withinTimeout(keytar.getPassword(service, PROBE_ACCOUNT), PROBE_TIMEOUT_MS, 'The keychain');
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
      return (await probed.keytar.getPassword(service, name)) ?? undefined;
    },
    async set(name, value) {
      await (await keytarOrThrow()).setPassword(service, name, value);
    },
    async delete(name) {
      return (await keytarOrThrow()).deletePassword(service, name);
    },
    async names() {
      const probed = await probe();
      if ('reason' in probed) return [];
      return (await probed.keytar.findCredentials(service)).map((c) => c.account).sort();
    },
  };
}

// Whether the desktop app runs its own runtime or becomes the client of a host that already
// serves the data directory (the background service, or `ridgeline serve`). Pure: what was found
// comes in, the decision comes out; index.ts probes and acts on it.
import type { HostInfo } from '../os/host-file';

export interface HostProbe {
  /** host.json with a live pid, when there is one. */
  record: HostInfo | undefined;
  /** The host answered app.info with the data directory's token. */
  answering: boolean;
  /** The API token in the data directory, when it could be read. */
  token: string | undefined;
}

export type DesktopRole =
  { kind: 'own' } | { kind: 'client'; hostUrl: string; boardUrl: string; pid: number; token: string };

/**
 * A host that answers makes the app its client: the board loads the host's page with the token
 * (the same link `ridgeline serve` prints), the tray reads the same API. A host that is alive but
 * does not answer is left to the data directory's ownership check, which names it and refuses.
 */
export function desktopRole(probe: HostProbe): DesktopRole {
  if (!probe.record || !probe.answering || !probe.token) return { kind: 'own' };
  const hostUrl = probe.record.url.replace(/\/+$/, '');
  return {
    kind: 'client',
    hostUrl,
    boardUrl: `${hostUrl}/?token=${encodeURIComponent(probe.token)}`,
    pid: probe.record.pid,
    token: probe.token,
  };
}

// A run named in the page address (#/runs/<id>) opens in a dialog over the board: where a click on
// a desktop notification or a tray menu item leads. Closing the dialog clears the address.
import { useCallback, useEffect, useState } from 'react';
import { Dialog } from '../../components/dialog';
import { RunDetailsPanel } from './run-details-panel';

const RUN_ROUTE = /^#\/runs\/([^/?#]+)$/;

/** The run id in a location hash such as "#/runs/01J...", or null. */
export function runIdFromHash(hash: string): string | null {
  const match = RUN_ROUTE.exec(hash);
  if (!match) return null;
  try {
    return decodeURIComponent(match[1]!);
  } catch {
    return null;
  }
}

function useRunLink(): [string | null, (runId: string | null) => void] {
  const [runId, setRunId] = useState(() => runIdFromHash(window.location.hash));
  useEffect(() => {
    const follow = () => setRunId(runIdFromHash(window.location.hash));
    window.addEventListener('hashchange', follow);
    return () => window.removeEventListener('hashchange', follow);
  }, []);
  const open = useCallback((next: string | null) => {
    if (next) {
      window.location.hash = `#/runs/${encodeURIComponent(next)}`;
      return;
    }
    window.history.replaceState(null, '', window.location.pathname + window.location.search);
    setRunId(null);
  }, []);
  return [runId, open];
}

export function RunLinkDialog() {
  const [runId, open] = useRunLink();
  if (!runId) return null;
  return (
    <Dialog title="Run" onClose={() => open(null)}>
      <RunDetailsPanel key={runId} runId={runId} onBack={() => open(null)} onOpenRun={open} />
    </Dialog>
  );
}

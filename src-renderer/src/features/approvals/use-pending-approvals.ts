// The pending approvals, kept live: approvals.list on load and on every (re)connection, then the
// approval:created and approval:updated push events applied as they come; a run that stops waiting
// (cancelled) takes its approval with it.
import { useCallback } from 'react';
import type { Approval, PushMessage } from '../../api/contract-types';
import { useLiveCall } from '../../api/use-live-call';

const NONE: Approval[] = [];

function applyPush(list: Approval[], message: PushMessage): Approval[] {
  if (message.event === 'approval:created') {
    const created = message.data.approval;
    return list.some((a) => a.id === created.id) ? list : [created, ...list];
  }
  if (message.event === 'approval:updated') {
    const updated = message.data.approval;
    return list.filter((a) => a.id !== updated.id || updated.status === 'pending');
  }
  if (message.event === 'run:updated' && message.data.run.status !== 'awaiting_approval') {
    // A run cancelled while it waited leaves its question moot.
    const { run } = message.data;
    return list.some((a) => a.runId === run.id) ? list.filter((a) => a.runId !== run.id) : list;
  }
  return list;
}

export function usePendingApprovals() {
  const { value, error, update } = useLiveCall('approvals.list', { status: 'pending' }, { apply: applyPush });

  /** Drops one the user just decided, without waiting for its push event. */
  const decided = useCallback((id: string) => update((list) => list.filter((a) => a.id !== id)), [update]);

  return { approvals: value ?? NONE, error: error?.message ?? null, decided };
}

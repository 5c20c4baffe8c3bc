// The answer of system.wake: whether this host can wake the computer for runs, and what it has set.
import { z } from 'zod';

export const systemWakeInput = z.object({}).default({});

export interface WakeStatus {
  /** Whether a wake from sleep can be set on this machine by this user. */
  available: boolean;
  /** How it is set when it can ("pmset, through sudo without a password"). */
  method: string | null;
  /** Why it cannot, when it cannot. */
  reason: string | null;
  /** What the user can do to allow it. */
  remedy: string | null;
  /** The wake set now, and the run it is for; null when none is set. */
  armed: { wakeAt: string; runAt: string; taskId: string; title: string } | null;
  /** Why the latest attempt to set a wake failed; null after one that worked. */
  lastError: string | null;
}

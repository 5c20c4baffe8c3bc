// templates.check: what a template still needs before it can run, each need checked on this host.
import { z } from 'zod';
import type { TemplateNeed } from '../model/templates';

export const templateCheckInput = z.object({
  id: z.string().min(1, 'is required').max(100),
  /** The project it would be installed into; needs of kind project are met only by one. */
  projectId: z.string().min(1).max(100).nullish(),
});

/** One need as checked: met or not, what was found, and how to meet it with where in the board. */
export interface NeedCheck extends TemplateNeed {
  met: boolean;
  /** What the check found, in words: "found in the keychain", "not on PATH (/usr/bin:/bin)". */
  found: string;
  /** How to meet it, when unmet. */
  howTo: string | null;
  /** The board's address of the place to meet it (a Settings section), when there is one. */
  settingsHash: string | null;
}

export interface TemplateCheck {
  id: string;
  ready: boolean;
  needs: NeedCheck[];
}

// What the templates gallery shows: one entry per bundled template. Types only, so the board can
// import them with the API contract.
import type { Schedule } from './types';

export const templateNeedKinds = ['secret', 'provider', 'cli', 'project', 'notifications'] as const;

/**
 * What a template needs before it can run: a secret, an LLM provider, a program on PATH, a project,
 * a way to show desktop notifications.
 */
export interface TemplateNeed {
  kind: (typeof templateNeedKinds)[number];
  name: string;
  why: string;
}

export interface TemplateParam {
  name: string;
  type: 'string' | 'number' | 'boolean' | 'object' | 'array';
  description: string | null;
  default: unknown;
  required: boolean;
}

export interface TemplateEntry {
  id: string;
  name: string;
  summary: string;
  needs: TemplateNeed[];
  /** The title the installed task gets. */
  title: string;
  schedule: Schedule | null;
  params: TemplateParam[];
  /** The tools its steps use, in order, each once. */
  tools: string[];
}

// What people approved for one step of one run: the contexts of its approved approvals, from which
// a coding-agent step reads the permissions it was granted beyond its envelope (tools/agent-permissions.ts).
import type { Database } from 'better-sqlite3';
import { statement } from '../statements';
import { parseJson } from './json';

export function createPermissionGrantsRepo(db: Database) {
  return {
    /** The contexts of the approved approvals of `stepId` in `runId`, oldest first. */
    approvedContexts(runId: string, stepId: string): Record<string, unknown>[] {
      const rows = statement<[string, string], string>(
        db,
        `SELECT context FROM approvals WHERE run_id = ? AND step_id = ? AND status = 'approved' ORDER BY created_at, id`,
      )
        .pluck()
        .all(runId, stepId);
      return rows.map((text) => parseJson<Record<string, unknown>>(text) ?? {});
    },
  };
}

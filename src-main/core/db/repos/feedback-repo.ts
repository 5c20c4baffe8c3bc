// What runs achieved (run_assessments) and people's ratings of runs and tasks (ratings), migration
// 0012; also the hours a task's runs took, from which its actual hours are derived.
import type { Database } from 'better-sqlite3';
import type { CriterionResult, Rating } from '../../model/feedback';
import type { Redactor } from '../../lib/redact';
import { statement } from '../statements';

export interface StoredAssessment {
  criteria: CriterionResult[];
  summary: string | null;
  assessedAt: number;
}

export interface RatingRow extends Omit<Rating, 'createdAt' | 'updatedAt'> {
  createdAt: number;
  updatedAt: number;
}

export interface RatingFilter {
  taskId?: string | undefined;
  runId?: string | undefined;
  limit: number;
  offset: number;
}

const RATING_SELECT = `SELECT r.id, r.task_id AS taskId, t.title AS taskTitle, r.run_id AS runId, r.quality,
  r.timeliness, r.notes, r.created_at AS createdAt, r.updated_at AS updatedAt
  FROM ratings r JOIN tasks t ON t.id = r.task_id`;

export function createFeedbackRepo(db: Database, redactor: Redactor) {
  return {
    /** Written once a run has ended; a resumed run that ends again replaces it. */
    saveAssessment(runId: string, assessment: StoredAssessment): void {
      statement(
        db,
        `INSERT INTO run_assessments (run_id, criteria, summary, assessed_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (run_id) DO UPDATE SET criteria = excluded.criteria, summary = excluded.summary,
           assessed_at = excluded.assessed_at`,
      ).run(
        runId,
        redactor.json(assessment.criteria),
        assessment.summary === null ? null : redactor.text(assessment.summary),
        assessment.assessedAt,
      );
    },

    assessment(runId: string): StoredAssessment | undefined {
      const row = statement<[string], { criteria: string; summary: string | null; assessedAt: number }>(
        db,
        'SELECT criteria, summary, assessed_at AS assessedAt FROM run_assessments WHERE run_id = ?',
      ).get(runId);
      return row && { ...row, criteria: JSON.parse(row.criteria) as CriterionResult[] };
    },

    /** Sets the one rating of a run, or of the task as a whole when runId is null; returns its id. */
    setRating(rating: Omit<RatingRow, 'taskTitle' | 'createdAt' | 'updatedAt'>, now: number): string {
      return statement<unknown[], { id: string }>(
        db,
        `INSERT INTO ratings (id, task_id, run_id, quality, timeliness, notes, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (task_id, COALESCE(run_id, '')) DO UPDATE SET quality = excluded.quality,
           timeliness = excluded.timeliness, notes = excluded.notes, updated_at = excluded.updated_at
         RETURNING id`,
      ).get(
        rating.id,
        rating.taskId,
        rating.runId,
        rating.quality,
        rating.timeliness,
        redactor.text(rating.notes),
        now,
        now,
      )!.id;
    },

    rating(id: string): RatingRow | undefined {
      return statement<[string], RatingRow>(db, `${RATING_SELECT} WHERE r.id = ?`).get(id);
    },

    /** Newest first; a run's filter gives its one rating, a task's gives the task's and its runs'. */
    listRatings(filter: RatingFilter): { items: RatingRow[]; total: number } {
      const where = ['1 = 1'];
      const params: unknown[] = [];
      if (filter.taskId !== undefined) {
        where.push('r.task_id = ?');
        params.push(filter.taskId);
      }
      if (filter.runId !== undefined) {
        where.push('r.run_id = ?');
        params.push(filter.runId);
      }
      const clause = where.join(' AND ');
      const items = statement<unknown[], RatingRow>(
        db,
        `${RATING_SELECT} WHERE ${clause} ORDER BY r.updated_at DESC, r.id LIMIT ? OFFSET ?`,
      ).all(...params, filter.limit, filter.offset);
      const total = statement<unknown[], number>(db, `SELECT COUNT(*) FROM ratings r WHERE ${clause}`)
        .pluck()
        .get(...params)!;
      return { items, total };
    },

    /** Hours the task's finished runs took (started to finished), summed; null when none has finished. */
    runHours(taskId: string): number | null {
      const ms = statement<[string], number | null>(
        db,
        `SELECT SUM(finished_at - started_at) FROM runs
         WHERE task_id = ? AND started_at IS NOT NULL AND finished_at IS NOT NULL`,
      )
        .pluck()
        .get(taskId);
      return ms === null || ms === undefined ? null : ms / 3_600_000;
    },
  };
}

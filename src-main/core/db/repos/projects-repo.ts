// The projects table.
import type { Database } from 'better-sqlite3';
import type { Project, ProjectConfig } from '../../model/types';
import { parseJson } from './json';

interface ProjectRow {
  id: string;
  name: string;
  repo_url: string | null;
  work_dir: string | null;
  config: string;
  created_at: number;
  updated_at: number;
  task_count: number;
}

export interface ProjectColumns {
  name: string;
  repo_url: string | null;
  work_dir: string | null;
  config: ProjectConfig;
}

function toProject(row: ProjectRow): Project {
  const config = parseJson<Partial<ProjectConfig>>(row.config) ?? {};
  return {
    id: row.id,
    name: row.name,
    repoUrl: row.repo_url,
    workDir: row.work_dir,
    config: { skipGitPush: config.skipGitPush ?? true, skipPrCreation: config.skipPrCreation ?? true },
    taskCount: row.task_count,
    createdAt: new Date(row.created_at).toISOString(),
    updatedAt: new Date(row.updated_at).toISOString(),
  };
}

const select = `SELECT p.*, (SELECT count(*) FROM tasks t WHERE t.project_id = p.id) AS task_count FROM projects p`;

export function createProjectsRepo(db: Database) {
  const getStmt = db.prepare<[string], ProjectRow>(`${select} WHERE p.id = ?`);
  return {
    get(id: string): Project | undefined {
      const row = getStmt.get(id);
      return row && toProject(row);
    },
    findByName(name: string): Project | undefined {
      const row = db.prepare<[string], ProjectRow>(`${select} WHERE p.name = ?`).get(name);
      return row && toProject(row);
    },
    list(): Project[] {
      return db.prepare<[], ProjectRow>(`${select} ORDER BY p.name COLLATE NOCASE`).all().map(toProject);
    },
    insert(id: string, c: ProjectColumns, now: number): Project {
      db.prepare(
        `INSERT INTO projects (id, name, repo_url, work_dir, config, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
      ).run(id, c.name, c.repo_url, c.work_dir, JSON.stringify(c.config), now, now);
      return toProject(getStmt.get(id)!);
    },
    update(id: string, c: ProjectColumns, now: number): Project {
      db.prepare(
        'UPDATE projects SET name = ?, repo_url = ?, work_dir = ?, config = ?, updated_at = ? WHERE id = ?',
      ).run(c.name, c.repo_url, c.work_dir, JSON.stringify(c.config), now, id);
      return toProject(getStmt.get(id)!);
    },
    delete(id: string): boolean {
      return db.prepare('DELETE FROM projects WHERE id = ?').run(id).changes === 1;
    },
  };
}

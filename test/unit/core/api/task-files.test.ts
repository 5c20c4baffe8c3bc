import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import type { Task } from '../../../../src-main/core/api/contract';
import { startedTestRuntime, type TestRuntime } from '../../../helpers/test-runtime';

const runtimes: TestRuntime[] = [];
afterEach(async () => {
  for (const t of runtimes.splice(0)) await t.runtime.stop();
});
async function fresh(): Promise<TestRuntime> {
  const t = await startedTestRuntime();
  runtimes.push(t);
  return t;
}

const FIXTURES = join(__dirname, '../../../fixtures/task-files');

/** What a task is, minus what a new data directory gives it anew: ids and times. */
function portable(task: Task): Record<string, unknown> {
  const { id: _id, projectId: _p, createdAt: _c, updatedAt: _u, nextRunAt: _n, lastFiredAt: _l, ...rest } = task;
  return rest;
}

const briefing = {
  title: 'Morning briefing',
  description: 'Weather and headlines',
  taskType: 'briefing',
  priority: 'high' as const,
  schedule: { kind: 'cron' as const, expr: '30 8 * * 1-5', timezone: 'America/Denver' },
  misfirePolicy: 'skip' as const,
  misfireGraceMs: 3_600_000,
  timeoutMs: 600_000,
  concurrencyKey: 'news',
  maxConcurrentRuns: 2,
  overlapPolicy: 'queue' as const,
  retryPolicy: { maxAttempts: 5, baseDelayMs: 2000, maxDelayMs: 60_000, jitter: 0.1, recovery: 'retry' as const },
  notificationPolicy: { onSuccess: true, onFailure: false },
  budgetUsd: 2.5,
  successCriteria: ['names the weather'],
  estimatedHours: 0.5,
  params: { city: 'Denver' },
  pipeline: {
    params: { city: { type: 'string', required: true }, count: { type: 'number', default: 5 } },
    steps: [
      { id: 'pause', uses: 'wait', with: { ms: 10 } },
      { id: 'say', uses: 'shell.exec', with: { argv: ['echo', '${params.city}'] }, timeout: 30_000 },
    ],
  },
};

describe('tasks as files', () => {
  it('re-creates the same tasks on a fresh data directory from an export of all tasks', async () => {
    const source = await fresh();
    await source.runtime.api.call('tasks.create', briefing);
    const chore = await source.runtime.api.call('tasks.create', {
      title: 'Manual chore',
      schedule: { kind: 'manual' },
      pipeline: { steps: [{ id: 'w', uses: 'wait', with: { ms: 1 } }] },
    });
    await source.runtime.api.call('tasks.pause', { id: chore.id });
    const exported = await source.runtime.api.call('tasks.export', {});
    expect(exported.count).toBe(2);
    expect(parseAllDocuments(exported.yaml)).toHaveLength(2);

    const target = await fresh();
    const imported = await target.runtime.api.call('tasks.import', { yaml: exported.yaml });
    expect(imported).toMatchObject({ ok: true, dryRun: false, issues: [] });
    expect(imported.created.map((c) => c.title).sort()).toEqual(['Manual chore', 'Morning briefing']);

    const whole = async (runtime: typeof source.runtime) => {
      const listed = (await runtime.api.call('tasks.list', { sort: 'title' })).items;
      return Promise.all(listed.map((t) => runtime.api.call('tasks.get', { id: t.id })));
    };
    const before = (await whole(source.runtime)).map(portable);
    const after = (await whole(target.runtime)).map(portable);
    expect(after).toEqual(before);
    expect(after.find((t) => t.title === 'Manual chore')).toMatchObject({ paused: true });
  });

  it("exports one task, or a project's tasks, in the gallery template's shape", async () => {
    const t = await fresh();
    const project = await t.runtime.api.call('projects.create', { name: 'Home' });
    const task = await t.runtime.api.call('tasks.create', { ...briefing, projectId: project.id });
    await t.runtime.api.call('tasks.create', { title: 'Elsewhere' });
    const one = await t.runtime.api.call('tasks.export', { ids: [task.id] });
    expect(parseAllDocuments(one.yaml).map((d) => d.toJS())).toEqual([
      expect.objectContaining({ title: 'Morning briefing', schedule: briefing.schedule, params: { city: 'Denver' } }),
    ]);
    const template = JSON.parse(
      readFileSync(join(__dirname, '../../../../resources/templates/morning-briefing.json'), 'utf8'),
    );
    const doc = parseAllDocuments(one.yaml)[0]!.toJS() as Record<string, unknown>;
    for (const key of Object.keys(doc))
      expect(['paused', 'status', 'priority', ...Object.keys(template), ...Object.keys(briefing)]).toContain(key);
    expect(doc).not.toHaveProperty('id');
    expect(doc).not.toHaveProperty('createdAt');
    const ofProject = await t.runtime.api.call('tasks.export', { projectId: project.id });
    expect(ofProject.count).toBe(1);
    expect(await t.runtime.api.call('tasks.export', { ids: ['nope'] }).catch((e: { code: string }) => e.code)).toBe(
      'not_found',
    );
  });

  it('imports a gallery template as written, into the project asked for', async () => {
    const t = await fresh();
    const project = await t.runtime.api.call('projects.create', { name: 'Home' });
    const text = readFileSync(join(__dirname, '../../../../resources/templates/morning-briefing.json'), 'utf8');
    const result = await t.runtime.api.call('tasks.import', { yaml: text, projectId: project.id });
    expect(result.issues).toEqual([]);
    const task = await t.runtime.api.call('tasks.get', { id: result.created[0]!.id });
    expect(task.projectId).toBe(project.id);
  });

  it('checks every document first and creates nothing when any is wrong, naming file, document, title and path', async () => {
    const t = await fresh();
    const yaml = [
      'title: Fine\nschedule: { kind: manual }\n',
      'title: Bad schedule\nschedule: { kind: cron, expr: "61 * * * *" }\n',
      'title: Bad step\npipeline: { steps: [{ id: a, uses: shel.exec, with: {} }] }\ncolour: red\n',
      'title: ""\n',
      '- not a task\n',
    ].join('---\n');
    const result = await t.runtime.api.call('tasks.import', { yaml, file: 'tasks.yaml' });
    expect(result.ok).toBe(false);
    expect(result.created).toEqual([]);
    const where = result.issues.map((i) => [i.file, i.document, i.title, i.path]);
    expect(where).toEqual(
      expect.arrayContaining([
        ['tasks.yaml', 1, 'Bad schedule', 'schedule.expr'],
        ['tasks.yaml', 2, 'Bad step', 'colour'],
        ['tasks.yaml', 2, 'Bad step', 'pipeline.steps[0].uses'],
        ['tasks.yaml', 3, '', 'title'],
        ['tasks.yaml', 4, null, ''],
      ]),
    );
    expect(where.some(([, document]) => document === 0)).toBe(false);
    expect((await t.runtime.api.call('tasks.list', {})).total).toBe(0);

    const broken = await t.runtime.api.call('tasks.import', { yaml: 'title: [unclosed\n' });
    expect(broken.issues[0]).toMatchObject({
      document: 0,
      path: '',
      message: expect.stringMatching(/^is not valid YAML/),
    });
  });

  it("reads the Ordinaut seed's briefing JSON as written, and reports the tools it names that are not configured", async () => {
    const t = await fresh();
    const yaml = readFileSync(join(FIXTURES, 'ordinaut-morning-briefing.json'), 'utf8');
    const result = await t.runtime.api.call('tasks.import', { yaml, file: 'briefing.json', dryRun: true });
    expect(result.ok).toBe(false);
    const title = 'Weekday Morning Briefing';
    // The shape is read: no issue about a field, the schedule or the time zone; each unknown tool is named.
    expect(result.issues.every((i) => i.title === title && i.file === 'briefing.json' && i.document === 0)).toBe(true);
    expect(result.issues.filter((i) => !i.path.startsWith('pipeline.'))).toEqual([]);
    const tools = result.issues.filter((i) => /\.uses$/.test(i.path));
    expect(tools.map((i) => i.path)).toEqual([
      'pipeline.steps[0].uses',
      'pipeline.steps[1].uses',
      'pipeline.steps[2].uses',
      'pipeline.steps[3].uses',
      'pipeline.steps[4].uses',
    ]);
    expect(tools[0]!.message).toContain('google-calendar-mcp.list_events');

    // With the unknown steps gone, the same document imports: title, RRULE and zone as written.
    const seed = JSON.parse(yaml) as { payload: { pipeline: unknown[] } };
    seed.payload.pipeline = [{ id: 'pause', uses: 'wait', with: { ms: 1 } }];
    const imported = await t.runtime.api.call('tasks.import', { yaml: JSON.stringify(seed) });
    expect(imported.ok).toBe(true);
    const task = await t.runtime.api.call('tasks.get', { id: imported.created[0]!.id });
    expect(task).toMatchObject({
      title,
      schedule: {
        kind: 'rrule',
        expr: 'FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR;BYHOUR=8;BYMINUTE=30',
        timezone: 'Europe/Chisinau',
      },
    });
    expect(task.nextRunAt).not.toBeNull();
  });
});

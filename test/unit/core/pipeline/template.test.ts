import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runDetails } from '../../../../src-main/core/queue/status';
import { FakeClock } from '../../../helpers/fake-clock';
import { addTask, pumpUntil, queueRun, runStatus, startedQueue } from '../queue/worker-harness';
import {
  isTemplate,
  parseInstant,
  parseTemplate,
  renderValue,
  TemplateError,
  type TemplateScope,
} from '../../../../src-main/core/pipeline/template';

// 2026-11-23 15:30 UTC is 8:30 AM MST in Denver.
const scope: TemplateScope = {
  params: { city: 'Denver', count: 3, tags: ['a', 'b'] },
  steps: {
    first: { exit_code: 0, stdout: 'hello\n', lines: [{ n: 1 }] },
    skipped: null,
  },
  run: { id: 'run-42', attempt: 2, trigger: 'schedule' },
  task: { id: 'task-7', title: 'Morning briefing', type: 'general' },
  now: '2026-11-23T15:30:00.000Z',
};
const options = { timezone: 'America/Denver', where: 'steps.notify.with' };
const render = (value: unknown) => renderValue(value, scope, options);

function templateError(value: unknown): TemplateError {
  try {
    render(value);
  } catch (error) {
    if (TemplateError.isInstance(error)) return error;
    throw error;
  }
  throw new Error('expected a TemplateError');
}

describe('templates', () => {
  it('inserts a string that is one reference as the value itself, keeping its type', () => {
    expect(render({ n: '${params.count}', tags: '${params.tags}', out: '${steps.first}' })).toEqual({
      n: 3,
      tags: ['a', 'b'],
      out: { exit_code: 0, stdout: 'hello\n', lines: [{ n: 1 }] },
    });
  });

  it('stringifies embedded references, objects as JSON', () => {
    expect(render('In ${params.city}: ${params.count} ${params.tags} ${steps.first.lines[0]}')).toBe(
      'In Denver: 3 ["a","b"] {"n":1}',
    );
  });

  it('renders run, task and now, and walks arrays inside argv', () => {
    expect(render({ argv: ['echo', '${task.title}', 'run ${run.id} #${run.attempt}', '${now}'] })).toEqual({
      argv: ['echo', 'Morning briefing', 'run run-42 #2', '2026-11-23T15:30:00.000Z'],
    });
  });

  it('formats time helpers in the display timezone with its abbreviation', () => {
    expect(render('${time(now)}')).toBe('8:30 AM MST');
    expect(render('${date(now)}')).toBe('Mon, Nov 23, 2026');
    expect(render('Sent ${datetime(now)}')).toBe('Sent Mon, Nov 23, 8:30 AM MST');
    expect(renderValue('${time(now)}', { ...scope, now: '2026-07-01T14:30:00Z' }, options)).toBe('8:30 AM MDT');
  });

  it('reads epoch milliseconds and ISO date-times with offsets in time helpers', () => {
    const at = { ...scope, params: { ms: parseInstant('2026-11-23T15:30:00Z'), iso: '2026-11-23T09:45:00-06:00' } };
    expect(renderValue('${time(params.ms)} ${time(params.iso)}', at, options)).toBe('8:30 AM MST 8:45 AM MST');
  });

  it('renders $${ as a literal ${ and leaves other text alone', () => {
    expect(render('cost: $${amount} and ${params.count}')).toBe('cost: ${amount} and 3');
    expect(render('$${params.city}')).toBe('${params.city}');
    expect(render({ plain: 'no templates', n: 5, flag: true, none: null })).toEqual({
      plain: 'no templates',
      n: 5,
      flag: true,
      none: null,
    });
  });

  it('fails on a missing reference, naming the field and the reference, never rendering ""', () => {
    expect(templateError({ text: 'Hi ${params.name}' }).message).toBe(
      'steps.notify.with.text: ${params.name} has no value: the run has no param "name"',
    );
    expect(templateError({ argv: ['x', '${steps.first.stdot}'] }).message).toBe(
      'steps.notify.with.argv[1]: ${steps.first.stdot} has no value: the output of step "first" has no "stdot"',
    );
    expect(templateError('${steps.later.text}').message).toBe(
      'steps.notify.with: ${steps.later.text} has no value: step "later" has not run before this step',
    );
    expect(templateError('${steps.skipped.text}').message).toMatch(/step "skipped" has no output \(it was skipped/);
    expect(templateError('${steps.first.lines[3]}').message).toMatch(/has no "lines\[3\]"/);
    expect(templateError('${run.nope}').message).toMatch(/the run has no field "nope"/);
  });

  it('rejects bad syntax, unknown roots and unknown helpers', () => {
    expect(() => parseTemplate('${params.x')).toThrow(/has no closing "}"/);
    expect(() => parseTemplate('${env.HOME}')).toThrow(/"env" is not one of params, steps, run, task, now/);
    expect(() => parseTemplate('${upper(now)}')).toThrow(/there is no helper named "upper"/);
    expect(() => parseTemplate('${params.a b}')).toThrow(/is not a reference/);
    expect(() => parseTemplate('${now.x}')).toThrow(/now has no fields/);
    expect(templateError('${time(params.city)}').message).toMatch(/needs a time .* but the value is Denver/);
  });

  it('tells templates from plain strings', () => {
    expect(isTemplate('${params.x}')).toBe(true);
    expect(isTemplate('a ${now} b')).toBe(true);
    expect(isTemplate('$${not}')).toBe(false);
    expect(isTemplate('plain')).toBe(false);
    expect(isTemplate(3)).toBe(false);
  });

  it('parses ISO instants without reading a clock', () => {
    expect(parseInstant('1970-01-01T00:00:00Z')).toBe(0);
    expect(parseInstant('2026-03-08T02:30:00.250-07:00')).toBe(Date.parse('2026-03-08T02:30:00.250-07:00'));
    expect(parseInstant('2024-02-29T23:59:59+05:30')).toBe(Date.parse('2024-02-29T23:59:59+05:30'));
    expect(parseInstant('yesterday')).toBeNull();
    expect(parseInstant('2026-13-01T00:00:00Z')).toBeNull();
  });
});

describe('templates in a resumed run', () => {
  it("renders now as the run's first start, so a resumed run replays its completed steps", async () => {
    const crashed = startedQueue({ owner: 'crashed' });
    const file = join(crashed.dir, 'stamps');
    const stamp = (id: string) => ({
      id,
      uses: 'shell.exec',
      with: {
        argv: [
          process.execPath,
          '-e',
          "require('fs').appendFileSync(process.argv[1], process.argv[2] + '\\n')",
          file,
          '${now} ${time(now)}',
        ],
      },
    });
    const task = addTask(crashed, {
      pipeline: { steps: [stamp('one'), { id: 'hang', uses: 'wait', with: { ms: 60_000 } }, stamp('three')] },
    });
    const run = queueRun(crashed, task);
    // "hang" waits on the crashed worker's clock, which never moves again: the process died there.
    await pumpUntil(crashed, () => runDetails(crashed.store, run).steps.length === 2);

    const clock = new FakeClock(crashed.clock.now() + 120_000);
    const next = startedQueue({ file: crashed.file, owner: 'restarted', clock });
    await pumpUntil(next, () => runStatus(next, run) === 'succeeded', { stepMs: 10_000 });
    expect(readFileSync(file, 'utf8')).toBe('2026-11-23T15:30:00.000Z 8:30 AM MST\n'.repeat(2));
    expect(runDetails(next.store, run).logs.map((l) => l.message)).toContain('Step one: replayed from its checkpoint');
  });
});

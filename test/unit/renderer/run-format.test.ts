// The board's run wording and merging: run times in the display zone, durations, the pipeline
// editor's text round trip, and live log lines deduplicated by id.
import { describe, expect, it } from 'vitest';
import type { Run, RunLogLine } from '../../../src-renderer/src/api/contract-types';
import { mergeLogLines } from '../../../src-renderer/src/features/runs/log-lines';
import { parsePipeline, pipelineText } from '../../../src-renderer/src/features/task-form/pipeline-text';
import {
  formatDuration,
  formatRunTime,
  isFinalRun,
  runStatusLabels,
  upsertRun,
} from '../../../src-renderer/src/lib/run-format';

const line = (id: number): RunLogLine => ({
  id,
  runId: 'r',
  stepId: null,
  stream: 'stdout',
  level: 'info',
  message: `line ${id}`,
  loggedAt: '2026-11-23T15:30:00Z',
});

describe('run format', () => {
  it('shows run times with weekday and zone, and log times as a clock', () => {
    expect(formatRunTime('2026-11-23T15:30:00Z', 'America/Denver')).toBe('Mon 8:30 AM MST');
    expect(formatRunTime('2026-11-23T15:30:05Z', 'America/Denver', 'clock')).toBe('8:30:05 AM');
  });

  it('reads durations the way a person says them', () => {
    expect(formatDuration(850)).toBe('850 ms');
    expect(formatDuration(12_000)).toBe('12 s');
    expect(formatDuration(184_000)).toBe('3 min 4 s');
    expect(formatDuration(7_500_000)).toBe('2 h 5 min');
  });

  it('knows the final statuses and keeps a newest-first list current', () => {
    expect(isFinalRun('timed_out')).toBe(true);
    expect(isFinalRun('skipped')).toBe(true);
    expect(runStatusLabels.skipped).toBe('Skipped');
    expect(isFinalRun('awaiting_approval')).toBe(false);
    const a = { id: 'a', status: 'queued' } as Run;
    const b = { id: 'b', status: 'queued' } as Run;
    expect(upsertRun([a], b).map((r) => r.id)).toEqual(['b', 'a']);
    expect(upsertRun([b, a], { ...a, status: 'running' })[1]?.status).toBe('running');
  });
});

describe('pipeline text', () => {
  it('round-trips a pipeline and reports bad JSON as a syntax error', () => {
    const pipeline = { steps: [{ id: 'hello', uses: 'shell.exec', with: { argv: ['echo', 'hello'] } }] };
    expect(parsePipeline(pipelineText(pipeline))).toEqual({ pipeline });
    expect(pipelineText({ steps: [] })).toBe('');
    expect(parsePipeline('  ')).toEqual({ pipeline: { steps: [] } });
    expect(parsePipeline('{"steps": [')).toHaveProperty('syntaxError');
  });
});

describe('log lines', () => {
  it('merges pushed lines in id order without duplicates', () => {
    const merged = mergeLogLines([line(1), line(2)], [line(2), line(4), line(3)]);
    expect(merged.map((l) => l.id)).toEqual([1, 2, 3, 4]);
  });
});

describe('log lines kept in memory', () => {
  const line = (id: number) => ({
    id,
    runId: 'r1',
    stepId: null,
    stream: 'stdout' as const,
    level: 'info' as const,
    message: `line ${id}`,
    loggedAt: '2026-11-23T15:30:05Z',
  });

  it('keeps only the newest lines past the cap, in id order, each once', () => {
    const first = mergeLogLines([], [line(3), line(1), line(2)], 4);
    expect(mergeLogLines(first, [line(2), line(5), line(4), line(6)], 4).map((l) => l.id)).toEqual([3, 4, 5, 6]);
  });

  it('shows log times with the zone abbreviation', () => {
    expect(formatRunTime('2026-11-23T15:30:05Z', 'America/Denver', 'clockZone')).toBe('8:30:05 AM MST');
    expect(formatRunTime('2026-07-04T15:30:05Z', 'America/Denver', 'date')).toBe('Jul 4, 9:30 AM MDT');
  });
});

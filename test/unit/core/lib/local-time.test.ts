// Zone math with Intl only: offsets, wall clock to instants across gaps and overlaps, ISO forms.
import { describe, expect, test } from 'vitest';
import {
  parseIsoDateTime,
  resolveWallClock,
  toLocalIso,
  toUtcIso,
  wallClockToInstants,
  zoneOffsetAt,
} from '../../../../src-main/core/lib/local-time';

const DENVER = 'America/Denver';
const HOUR = 3_600_000;
const wall = (iso: string): number => Date.parse(`${iso}Z`);
const utc = (instants: number[]): string[] => instants.map((t) => new Date(t).toISOString());

describe('zoneOffsetAt', () => {
  test('reads MST and MDT on either side of the 2026-03-08 change at 09:00Z', () => {
    expect(zoneOffsetAt(Date.parse('2026-03-08T08:59:59Z'), DENVER)).toBe(-7 * HOUR);
    expect(zoneOffsetAt(Date.parse('2026-03-08T09:00:00Z'), DENVER)).toBe(-6 * HOUR);
  });
  test('reads the Sydney changes at 2026-04-04T16:00Z and 2026-10-03T16:00Z', () => {
    expect(zoneOffsetAt(Date.parse('2026-04-04T15:59:59Z'), 'Australia/Sydney')).toBe(11 * HOUR);
    expect(zoneOffsetAt(Date.parse('2026-04-04T16:00:00Z'), 'Australia/Sydney')).toBe(10 * HOUR);
    expect(zoneOffsetAt(Date.parse('2026-10-03T15:59:59Z'), 'Australia/Sydney')).toBe(10 * HOUR);
    expect(zoneOffsetAt(Date.parse('2026-10-03T16:00:00Z'), 'Australia/Sydney')).toBe(11 * HOUR);
  });
  test('gives the same offset for every ms of an hour that holds a change (cache must not blur it)', () => {
    const change = Date.parse('2026-11-01T08:00:00Z');
    expect(zoneOffsetAt(change - 1, DENVER)).toBe(-6 * HOUR);
    expect(zoneOffsetAt(change, DENVER)).toBe(-7 * HOUR);
    expect(zoneOffsetAt(change - 30 * 60_000, DENVER)).toBe(-6 * HOUR);
  });
  test('handles half-hour zones', () => {
    expect(zoneOffsetAt(Date.parse('2026-06-01T00:00:00Z'), 'Asia/Kolkata')).toBe(5.5 * HOUR);
  });
});

describe('wallClockToInstants', () => {
  test('finds no instant for a wall time in the spring-forward gap', () => {
    expect(wallClockToInstants(wall('2026-03-08T02:30:00'), DENVER)).toEqual([]);
  });
  test('finds both instants, daylight first, for a wall time in the fall-back overlap', () => {
    expect(utc(wallClockToInstants(wall('2026-11-01T01:30:00'), DENVER))).toEqual([
      '2026-11-01T07:30:00.000Z',
      '2026-11-01T08:30:00.000Z',
    ]);
  });
  test('finds exactly one instant on an ordinary day', () => {
    expect(utc(wallClockToInstants(wall('2026-07-04T12:00:00'), DENVER))).toEqual(['2026-07-04T18:00:00.000Z']);
  });
  test('resolveWallClock moves a gap time forward by the gap and takes the first of an overlap', () => {
    expect(toLocalIso(resolveWallClock(wall('2026-03-08T02:30:00'), DENVER), DENVER)).toBe('2026-03-08T03:30:00-06:00');
    expect(toLocalIso(resolveWallClock(wall('2026-11-01T01:30:00'), DENVER), DENVER)).toBe('2026-11-01T01:30:00-06:00');
  });
});

describe('ISO forms', () => {
  test('toLocalIso writes the offset in force at the instant', () => {
    expect(toLocalIso(Date.parse('2026-11-01T08:30:00Z'), DENVER)).toBe('2026-11-01T01:30:00-07:00');
    expect(toLocalIso(Date.parse('2026-06-01T00:00:00Z'), 'Asia/Kolkata')).toBe('2026-06-01T05:30:00+05:30');
  });
  test('toUtcIso writes what Date#toISOString writes', () => {
    for (const t of [0, 1_767_225_600_123, Date.parse('2026-11-01T08:30:00.5Z'), -1]) {
      expect(toUtcIso(t)).toBe(new Date(t).toISOString());
    }
  });
  test('parseIsoDateTime tells instants (Z or offset) from local date-times', () => {
    expect(parseIsoDateTime('2026-12-01T15:30:00Z')).toEqual({
      kind: 'instant',
      instant: Date.parse('2026-12-01T15:30:00Z'),
    });
    expect(parseIsoDateTime('2026-12-01T08:30-07:00')).toEqual({
      kind: 'instant',
      instant: Date.parse('2026-12-01T15:30:00Z'),
    });
    expect(parseIsoDateTime('2026-12-01T08:30')).toEqual({ kind: 'local', wall: wall('2026-12-01T08:30:00') });
    expect(parseIsoDateTime('2026-02-30T08:30')).toMatchObject({ kind: 'invalid' });
  });

  test('parseIsoDateTime keeps the milliseconds of what toISOString writes', () => {
    expect(parseIsoDateTime('2026-12-01T15:30:00.250Z')).toEqual({
      kind: 'instant',
      instant: Date.parse('2026-12-01T15:30:00.250Z'),
    });
    expect(parseIsoDateTime('2026-12-01T08:30:05.5')).toEqual({
      kind: 'local',
      wall: wall('2026-12-01T08:30:05') + 500,
    });
    expect(parseIsoDateTime('2026-12-01T08:30.5')).toMatchObject({ kind: 'invalid' });
  });
});

import { describe, expect, it } from 'vitest';
import { formatDateTime, formatTime, isValidTimeZone } from '../../../../src-main/core/lib/time-format';
import { REDACTED, Redactor } from '../../../../src-main/core/lib/redact';
import { createLogger } from '../../../../src-main/core/lib/logger';

describe('display times', () => {
  it('reads Mountain Time with the abbreviation in force on each side of DST', () => {
    expect(formatTime(Date.parse('2026-01-15T15:30:00Z'), 'America/Denver')).toBe('8:30 AM MST');
    expect(formatTime(Date.parse('2026-07-15T14:30:00Z'), 'America/Denver')).toBe('8:30 AM MDT');
    // The instants around the 2026-11-01 fall-back: 1:30 happens twice.
    expect(formatTime(Date.parse('2026-11-01T07:30:00Z'), 'America/Denver')).toBe('1:30 AM MDT');
    expect(formatTime(Date.parse('2026-11-01T08:30:00Z'), 'America/Denver')).toBe('1:30 AM MST');
    expect(formatDateTime(Date.parse('2026-11-23T15:30:00Z'), 'America/Denver')).toBe('Mon, Nov 23, 8:30 AM MST');
  });

  it('knows IANA zones from made-up ones', () => {
    expect(isValidTimeZone('America/Denver')).toBe(true);
    expect(isValidTimeZone('Mountain')).toBe(false);
  });
});

describe('redaction', () => {
  it('masks secret-looking keys, registered secret values and bearer tokens in logs', () => {
    const redactor = new Redactor();
    redactor.addSecret('sk-live-abcdef123456');
    const lines: string[] = [];
    const logger = createLogger({ sinks: [{ write: (l) => lines.push(l) }], redactor, now: () => 0 });
    logger.info('calling provider with sk-live-abcdef123456', {
      apiKey: 'whatever-it-is',
      headers: { Authorization: 'Bearer abcdefghijklmnop' },
      nested: [{ note: 'token sk-live-abcdef123456 inside' }],
      count: 3,
    });
    const text = lines.join('\n');
    expect(text).not.toContain('sk-live-abcdef123456');
    expect(text).not.toContain('whatever-it-is');
    expect(text).not.toContain('abcdefghijklmnop');
    expect(JSON.parse(lines[0]!)).toMatchObject({
      msg: `calling provider with ${REDACTED}`,
      apiKey: REDACTED,
      count: 3,
    });
  });
});

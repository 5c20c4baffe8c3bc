import { describe, expect, it } from 'vitest';
import { newId, newTaskId } from '../../../../src-main/core/lib/ids';

describe('newId', () => {
  it('makes RFC 9562 version 7 UUIDs', () => {
    const id = newId();
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    const ms = parseInt(id.replace(/-/g, '').slice(0, 12), 16);
    expect(Math.abs(ms - (performance.timeOrigin + performance.now()))).toBeLessThan(5000);
  });

  it('makes ids that sort in the order they were made, and never twice the same', () => {
    const ids = Array.from({ length: 20_000 }, () => newId());
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(ids);
  });
});

describe('newTaskId', () => {
  it('makes random ids whose first eight characters (the git branch suffix) differ between tasks', () => {
    const prefixes = new Set(Array.from({ length: 1000 }, () => newTaskId().slice(0, 8)));
    expect(prefixes.size).toBe(1000);
  });
});

import { describe, expect, it } from 'vitest';
import { canonicalJson, hashJson } from '../../../../src-main/core/pipeline/hash';
import { replayableStep } from '../../../../src-main/core/pipeline/checkpoints';
import type { Checkpoint } from '../../../../src-main/core/db/repos/checkpoints-repo';

describe('step input hashes', () => {
  it('hash the same input the same whatever the order of its keys', () => {
    expect(hashJson({ argv: ['a'], env: { B: '1', A: '2' } })).toBe(hashJson({ env: { A: '2', B: '1' }, argv: ['a'] }));
    expect(canonicalJson({ b: 1, a: [{ d: 1, c: 2 }] })).toBe('{"a":[{"c":2,"d":1}],"b":1}');
  });

  it('tell different inputs apart', () => {
    expect(hashJson({ ms: 1 })).not.toBe(hashJson({ ms: 2 }));
    expect(hashJson(undefined)).toBe(hashJson(null));
  });
});

describe('replaying a step', () => {
  const checkpoint = (over: Partial<Checkpoint>): Checkpoint =>
    ({
      stepIndex: 0,
      stepName: 'a',
      status: 'complete',
      inputsHash: 'h',
      stateSnapshot: { output: { n: 1 } },
      ...over,
    }) as Checkpoint;

  it('replays only a completed checkpoint of the same step with the same input', () => {
    expect(replayableStep([checkpoint({})], 0, 'a', 'h')).toEqual({ output: { n: 1 } });
    expect(replayableStep([checkpoint({ status: 'created' })], 0, 'a', 'h')).toBeUndefined();
    expect(replayableStep([checkpoint({ status: 'failed' })], 0, 'a', 'h')).toBeUndefined();
    expect(replayableStep([checkpoint({})], 0, 'a', 'other input')).toBeUndefined();
    expect(replayableStep([checkpoint({})], 1, 'a', 'h')).toBeUndefined();
  });
});

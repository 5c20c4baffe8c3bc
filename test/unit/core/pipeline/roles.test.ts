import { describe, expect, it } from 'vitest';
import {
  agentIdsFor,
  assessHalt,
  assessOutput,
  emptyRoleHistory,
  haltError,
  hedgingIn,
  historyBefore,
  minConfidenceOf,
  minConfidenceProblem,
  phaseOf,
  toolInput,
  verdictIn,
} from '../../../../src-main/core/pipeline/roles';

const verifier = { id: 'verify', role: 'verifier' as const };
const drafter = { id: 'draft', role: 'drafter' as const };
const verdict = (pass: boolean, confidence: number, issues: string[] = []) => ({
  object: { pass, confidence, issues },
  text: '{}',
  provider: 'openai_compatible',
  model: 'judge-1',
});

describe('verdicts', () => {
  it('reads the verdict from a structured output object or from a plain output', () => {
    expect(verdictIn(verdict(true, 0.9))).toEqual({ verdict: { pass: true, confidence: 0.9, issues: [] } });
    expect(verdictIn({ pass: false, confidence: 0.2, issues: ['x'] })).toEqual({
      verdict: { pass: false, confidence: 0.2, issues: ['x'] },
    });
  });

  it('names what is wrong with an output that is not a verdict', () => {
    const found = verdictIn({ object: { pass: 'yes', confidence: 2, issues: [] } });
    expect(found).toEqual({ problem: expect.stringContaining('pass:') });
    expect((found as { problem: string }).problem).toContain('confidence:');
  });
});

describe('the uncertainty detector', () => {
  it('lets a confident passing verdict through', () => {
    expect(assessOutput(verifier, verdict(true, 0.92), emptyRoleHistory())).toEqual([]);
  });

  it('halts on confidence below the default threshold of 0.7', () => {
    const signals = assessOutput(verifier, verdict(true, 0.55), emptyRoleHistory());
    expect(signals).toEqual([
      expect.objectContaining({
        kind: 'low_confidence',
        stepId: 'verify',
        message: 'verifier confidence 0.55 is below 0.70',
      }),
    ]);
  });

  it('uses the step threshold from with.min_confidence', () => {
    expect(minConfidenceOf({ min_confidence: 0.5 })).toBe(0.5);
    expect(minConfidenceOf({})).toBe(0.7);
    expect(assessOutput(verifier, verdict(true, 0.55), emptyRoleHistory(), 0.5)).toEqual([]);
    expect(minConfidenceProblem('verify', { min_confidence: 3 })).toBe(
      'steps.verify.with.min_confidence: must be a number from 0 to 1',
    );
    expect(minConfidenceProblem('verify', { min_confidence: 0.2 })).toBeUndefined();
  });

  it('halts when the verifier fails the draft, with its issues', () => {
    const signals = assessOutput(verifier, verdict(false, 0.95, ['no summary']), emptyRoleHistory());
    expect(signals.map((s) => s.kind)).toEqual(['verifier_failed']);
    expect(signals[0]!.message).toContain('no summary');
  });

  it('halts when two verifiers disagree', () => {
    const history = historyBefore([drafter, { id: 'check1', role: 'verifier' }], {
      draft: { text: 'ok' },
      check1: verdict(false, 0.9),
    });
    const signals = assessOutput({ id: 'check2', role: 'verifier' }, verdict(true, 0.9), history);
    expect(signals.map((s) => s.kind)).toEqual(['verifier_disagreement']);
    expect(signals[0]!.message).toBe('verifiers disagree: check1 said fail, check2 said pass');
  });

  it('halts on a verifier output that is no verdict', () => {
    expect(assessOutput(verifier, { stdout: 'fine' }, emptyRoleHistory()).map((s) => s.kind)).toEqual([
      'invalid_verdict',
    ]);
  });

  it('finds hedging in a draft but not in code, other words or other roles', () => {
    expect(hedgingIn('Here it is. I\u2019m not sure the numbers are right; the cause is unclear.')).toEqual([
      "i'm not sure",
      'unclear',
    ]);
    expect(hedgingIn('The nuclear option might be best. Might be.')).toEqual(['might be']);
    expect(hedgingIn('Run `grep unclear` then:\n```\nif unclear: might be\n```\nAll done.')).toEqual([]);
    expect(hedgingIn('Mighty bears are clear about it.')).toEqual([]);
    const draft = { text: 'I cannot verify the totals.', provider: 'openai', model: 'gpt' };
    expect(assessOutput(drafter, draft, emptyRoleHistory()).map((s) => s.kind)).toEqual(['hedging']);
    expect(assessOutput({ id: 'act', role: 'executor' }, draft, emptyRoleHistory())).toEqual([]);
  });

  it('names a halt failure by what caused it', () => {
    expect(assessHalt('ask', 'Ship it?', { approvalRequest: { question: 'Ship it?' } }).kind).toBe(
      'approval_requested',
    );
    expect(assessHalt('draft', 'Daily budget reached', { budget: 'daily', spentUsd: 5 }).kind).toBe('budget');
    expect(assessHalt('verify', 'no valid answer', { rawText: 'nope', problem: 'is not JSON' }).kind).toBe(
      'invalid_output',
    );
  });

  it('writes seed 000 errors with every signal', () => {
    const signals = assessOutput(verifier, verdict(false, 0.4, ['thin']), emptyRoleHistory());
    expect(haltError(signals)).toEqual({
      reason: 'uncertain',
      error: 'verifier confidence 0.40 is below 0.70; verifier verify did not pass the draft: thin',
      signals: [
        'low_confidence@verify: verifier confidence 0.40 is below 0.70',
        'verifier_failed@verify: verifier verify did not pass the draft: thin',
      ],
    });
  });
});

describe('roles and phases', () => {
  it('derives the phase from the role unless the step names one', () => {
    expect(phaseOf({ role: 'drafter' })).toBe('drafting');
    expect(phaseOf({ role: 'verifier' })).toBe('verification');
    expect(phaseOf({ role: 'executor', phase: 'confirmation' })).toBe('confirmation');
    expect(phaseOf({})).toBeNull();
  });

  it('records the drafter a verifier checks and the agents an executor acts on', () => {
    const history = historyBefore([drafter, verifier], {
      draft: { text: 'x', provider: 'anthropic', model: 'claude-x' },
      verify: verdict(true, 0.9),
    });
    expect(agentIdsFor(drafter, emptyRoleHistory(), { provider: 'anthropic', model: 'claude-x' })).toEqual({
      drafterAgentId: 'anthropic:claude-x',
      verifierAgentId: null,
    });
    expect(agentIdsFor(verifier, historyBefore([drafter], { draft: { text: 'x' } }), verdict(true, 1))).toEqual({
      drafterAgentId: 'draft',
      verifierAgentId: 'openai_compatible:judge-1',
    });
    expect(agentIdsFor({ id: 'act', role: 'executor' }, history)).toEqual({
      drafterAgentId: 'anthropic:claude-x',
      verifierAgentId: 'openai_compatible:judge-1',
    });
  });

  it('keeps the control keys away from the tool', () => {
    expect(toolInput({ prompt: 'p', min_confidence: 0.8, expires_in: '2h' })).toEqual({ prompt: 'p' });
    expect(toolInput(['a'])).toEqual(['a']);
  });
});

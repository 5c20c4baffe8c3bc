// Prints why tests were skipped: the list reporter shows a skipped test as a dash only, and a skip
// must say what it needs (the desktop tests need the Electron binary).
import type { Reporter, TestCase, TestResult } from '@playwright/test/reporter';

export default class SkipReasonsReporter implements Reporter {
  private readonly reasons = new Map<string, number>();

  onTestEnd(test: TestCase, result: TestResult): void {
    if (result.status !== 'skipped') return;
    const reason = test.annotations.find((a) => a.type === 'skip')?.description ?? 'no reason given';
    this.reasons.set(reason, (this.reasons.get(reason) ?? 0) + 1);
  }

  onEnd(): void {
    for (const [reason, count] of this.reasons) {
      process.stdout.write(`  ${count} skipped, not passed: ${reason}\n`);
    }
  }

  printsToStdio(): boolean {
    return false;
  }
}

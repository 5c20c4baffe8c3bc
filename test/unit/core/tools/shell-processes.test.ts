// shell.exec writes down the process group it waits on before waiting, with the leader's start
// time, and forgets it once the group is gone: the row recovery acts on after a crash.
import { readFileSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createStepProcessesRepo } from '../../../../src-main/core/db/repos/step-processes-repo';
import { systemClock } from '../../../../src-main/core/lib/clock';
import { createStepProcessRecorder } from '../../../../src-main/core/pipeline/step-processes';
import { processStartTime } from '../../../../src-main/core/tools/process-identity';
import { shellExec } from '../../../../src-main/core/tools/shell';
import { openQueue } from '../queue/worker-harness';
import { failureOf, processIsGone, testContext } from './tool-context';

const fixture = resolve(__dirname, '../../../fixtures/spawn-grandchildren.mjs');

describe('shell.exec records the process group it waits on', () => {
  it('has the row with the start time while the command runs, and none once it is stopped', async () => {
    const q = openQueue();
    const rows = createStepProcessesRepo(q.store.db, q.store.redactor);
    const controller = new AbortController();
    const { context } = testContext({ signal: controller.signal });
    context.services.processes = createStepProcessRecorder(q.store, systemClock);
    const pidFile = join(q.dir, 'pids.json');

    const running = shellExec.execute({ argv: [process.execPath, fixture, pidFile] }, context);
    while (!existsSync(pidFile)) await new Promise((r) => setTimeout(r, 20));
    const { child } = JSON.parse(readFileSync(pidFile, 'utf8')) as { child: number };
    expect(rows.list()).toEqual([
      expect.objectContaining({
        runId: 'run-1',
        stepId: 'build',
        pid: child,
        pgid: child,
        started: processStartTime(child),
        command: `${process.execPath} ${fixture} ${pidFile}`,
      }),
    ]);

    controller.abort();
    expect((await failureOf(running)).kind).toBe('cancelled');
    expect(processIsGone(child)).toBe(true);
    expect(rows.list()).toEqual([]);
  });

  it('forgets the row of a command that ran to its end', async () => {
    const q = openQueue();
    const { context } = testContext();
    context.services.processes = createStepProcessRecorder(q.store, systemClock);
    const result = await shellExec.execute({ argv: [process.execPath, '-e', 'setTimeout(() => {}, 50)'] }, context);
    expect(result.exit_code).toBe(0);
    expect(createStepProcessesRepo(q.store.db, q.store.redactor).list()).toEqual([]);
  });
});

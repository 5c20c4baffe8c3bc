import { afterEach, describe, expect, it } from 'vitest';
import { appErrorOf } from '../../../helpers/app-error';
import { startedTestRuntime, type TestRuntime } from '../../../helpers/test-runtime';

let source: TestRuntime | undefined;
let target: TestRuntime | undefined;
afterEach(async () => {
  await source?.runtime.stop();
  await target?.runtime.stop();
  source = target = undefined;
});

describe('wake to run as a task field', () => {
  it('is stored by tasks.create, kept by an unrelated update, changed by tasks.update and off by default', async () => {
    source = await startedTestRuntime();
    const api = source.runtime.api;
    const created = await api.call('tasks.create', { title: 'Backup', wakeToRun: true });
    expect(created.wakeToRun).toBe(true);
    await api.call('tasks.update', { id: created.id, title: 'Nightly backup' });
    expect((await api.call('tasks.get', { id: created.id })).wakeToRun).toBe(true);
    await api.call('tasks.update', { id: created.id, wakeToRun: false });
    expect((await api.call('tasks.get', { id: created.id })).wakeToRun).toBe(false);
    expect((await api.call('tasks.create', { title: 'Plain' })).wakeToRun).toBe(false);
  });

  it('refuses a value that is not true or false, naming the field', async () => {
    source = await startedTestRuntime();
    const error = await appErrorOf(source.runtime.api.invoke('tasks.create', { title: 'Bad', wakeToRun: 'yes' }));
    expect(error.code).toBe('validation_failed');
    expect(error.details.issues).toEqual([{ path: 'wakeToRun', message: 'must be true or false' }]);
  });

  it('travels through a task file export and import, and is left out of the file when off', async () => {
    source = await startedTestRuntime();
    const waking = await source.runtime.api.call('tasks.create', { title: 'Waking', wakeToRun: true });
    const quiet = await source.runtime.api.call('tasks.create', { title: 'Quiet' });
    const one = await source.runtime.api.call('tasks.export', { ids: [waking.id] });
    expect(one.yaml).toContain('wakeToRun: true');
    expect((await source.runtime.api.call('tasks.export', { ids: [quiet.id] })).yaml).not.toContain('wakeToRun');
    target = await startedTestRuntime();
    await target.runtime.api.call('tasks.import', { yaml: one.yaml });
    const [listed] = (await target.runtime.api.call('tasks.list', {})).items;
    const imported = await target.runtime.api.call('tasks.get', { id: listed!.id });
    expect(imported?.title).toBe('Waking');
    expect(imported?.wakeToRun).toBe(true);
  });
});

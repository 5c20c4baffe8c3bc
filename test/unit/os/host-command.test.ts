import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { HOST_NODE_FLAGS } from '../../../src-main/os/host-command';

// The headless host's Node flags: `ridgeline serve` (test/integration/cli-host.test.ts) and the
// service files (service-files.test.ts) pass them from the module; package.json spells them out.
describe("the headless host's Node flags", () => {
  it('are options this Node accepts (an unknown one stops Node before it runs anything)', () => {
    const result = spawnSync(process.execPath, [...HOST_NODE_FLAGS, '-e', 'process.stdout.write("ran")'], {
      encoding: 'utf8',
    });
    expect({ status: result.status, stdout: result.stdout, stderr: result.stderr }).toEqual({
      status: 0,
      stdout: 'ran',
      stderr: '',
    });
  });

  it('are the ones `npm run serve` starts the host with', () => {
    const pkg = JSON.parse(readFileSync(resolve(__dirname, '../../../package.json'), 'utf8')) as {
      scripts: Record<string, string>;
    };
    expect(pkg.scripts.serve).toContain(`node ${HOST_NODE_FLAGS.join(' ')} out/main/headless.js`);
  });
});

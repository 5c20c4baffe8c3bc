import { describe, expect, it } from 'vitest';
import { AppError } from '../../../src-main/core/lib/errors';
import { startupErrorMessage } from '../../../src-main/desktop/startup-error';

const abiError = new Error(
  "The module '/x/better_sqlite3.node' was compiled against a different Node.js version using NODE_MODULE_VERSION 115. " +
    'This version of Node.js requires NODE_MODULE_VERSION 145.',
);

describe('startupErrorMessage', () => {
  it("shows the runtime's own message when the headless host holds the data directory", () => {
    const error = new AppError('data_dir_in_use', 'The headless host (pid 42) is using /data; stop it first.');
    expect(startupErrorMessage(error, { packaged: false, sqliteBinding: undefined })).toBe(
      'The headless host (pid 42) is using /data; stop it first.',
    );
  });

  it('tells a developer who ran electron directly to use npm start, which builds the addon', () => {
    const message = startupErrorMessage(abiError, { packaged: false, sqliteBinding: undefined });
    expect(message).toContain('No better-sqlite3 addon built for Electron was given');
    expect(message).toContain('npm start');
    expect(message).toContain('NODE_MODULE_VERSION 115');
  });

  it('names the addon that did not load when the launcher passed one', () => {
    const message = startupErrorMessage(abiError, { packaged: false, sqliteBinding: '/cache/better_sqlite3.node' });
    expect(message).toContain('/cache/better_sqlite3.node does not load');
  });

  it('asks for a reinstall when a packaged build cannot load its addon', () => {
    expect(startupErrorMessage(abiError, { packaged: true, sqliteBinding: undefined })).toContain(
      'reinstall Ridgeline',
    );
  });

  it('passes other failures through as internal errors', () => {
    expect(startupErrorMessage(new Error('disk full'), { packaged: false, sqliteBinding: undefined })).toBe(
      'Internal error: disk full',
    );
  });
});

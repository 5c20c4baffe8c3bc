// Lint rules, including the house's import boundaries: a crossing fails `npm run lint`.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import prettier from 'eslint-config-prettier';
import globals from 'globals';

const electron = {
  name: 'electron',
  message: 'Only src-main/index.ts, src-main/desktop/ and src-preload/ may import electron.',
};
const hostFolders = (from) => ({
  group: ['**/os', '**/os/**', '**/desktop', '**/desktop/**', '**/server', '**/server/**', '**/cli', '**/cli/**'],
  message: `${from} may not import the host or adapter folders (os, desktop, server, cli).`,
});

export default tseslint.config(
  { ignores: ['node_modules/', 'out/', 'dist/', 'test-results/', 'playwright-report/', 'bench-results/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'error',
    },
  },
  {
    files: ['src-main/core/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [electron], patterns: [hostFolders('src-main/core')] }],
      'no-restricted-globals': [
        'error',
        { name: 'Date', message: 'Time is a dependency: use the Clock passed to the runtime.' },
      ],
    },
  },
  {
    files: [
      'src-main/core/lib/clock.ts',
      'src-main/core/lib/time-format.ts',
      'src-main/core/lib/logger.ts',
      'src-main/core/db/repos/*.ts',
      'src-main/core/api/handlers/*.ts',
      // croner takes and returns Dates; they carry wall times there, never the clock.
      'src-main/core/scheduler/cron-expr.ts',
    ],
    rules: { 'no-restricted-globals': 'off' },
  },
  {
    files: ['src-main/os/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [electron],
          patterns: [
            {
              group: ['**/desktop/**', '**/server/**', '**/cli/**'],
              message: 'src-main/os serves both hosts: it may import core only.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src-main/server/**/*.ts', 'src-main/headless.ts', 'src-main/cli/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [electron],
          patterns: [{ group: ['**/desktop/**'], message: 'The headless host and the CLI never load desktop code.' }],
        },
      ],
    },
  },
  {
    files: ['src-renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        {
          paths: [electron],
          patterns: [
            {
              group: ['**/src-main/**'],
              allowTypeImports: true,
              message: 'The renderer may only `import type` from src-main (the API contract).',
            },
          ],
        },
      ],
    },
  },
  {
    // The stdio entry runs under plain Node next to either host: no Electron, no desktop code.
    files: ['src-main/mcp-server/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [electron],
          patterns: [{ group: ['**/desktop/**'], message: 'The MCP server never loads desktop code.' }],
        },
      ],
    },
  },
  {
    files: ['test/**/*.ts', '*.config.ts'],
    rules: { 'no-console': 'off' },
  },
  prettier,
);

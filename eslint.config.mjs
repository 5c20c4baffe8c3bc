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
  group: [...['os', 'desktop', 'server', 'cli', 'mcp-server'].flatMap((folder) => [`**/${folder}`, `**/${folder}/**`])],
  message: `${from} may not import the host or adapter folders (os, desktop, server, cli, mcp-server).`,
});

const services = [
  'scheduler',
  'queue',
  'pipeline',
  'approvals',
  'cost',
  'notify',
  'tools',
  'llm',
  'mcp',
  'maintenance',
];

// The core's floors, bottom up: a file may import only from its own floor and the floors below.
// Folders are matched by any path inside them; store.ts, ports.ts and runtime.ts by name.
const floors = [
  { name: 'model', files: ['src-main/core/model/**/*.ts'], groups: ['**/model/**'] },
  { name: 'lib', files: ['src-main/core/lib/**/*.ts'], groups: ['**/lib/**'] },
  {
    name: 'db',
    files: ['src-main/core/db/**/*.ts', 'src-main/core/settings/**/*.ts', 'src-main/core/ports.ts'],
    groups: ['**/db/**', '**/settings/**', '**/ports'],
  },
  {
    name: 'store',
    files: ['src-main/core/store.ts', 'src-main/core/events/**/*.ts'],
    groups: ['**/store', '**/events/**'],
  },
  {
    name: 'services',
    files: services.map((folder) => `src-main/core/${folder}/**/*.ts`),
    groups: services.map((folder) => `**/${folder}/**`),
  },
  { name: 'api', files: ['src-main/core/api/**/*.ts'], groups: ['**/api/**'] },
  { name: 'runtime', files: ['src-main/core/runtime.ts'], groups: ['**/runtime'] },
];
const floorRules = floors.slice(0, -1).map((floor, i) => {
  const above = floors.slice(i + 1);
  return {
    files: floor.files,
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [electron],
          patterns: [
            hostFolders('src-main/core'),
            {
              group: above.flatMap((f) => f.groups),
              message: `The ${floor.name} floor of the core may not import a higher floor (${above.map((f) => f.name).join(', ')}).`,
            },
          ],
        },
      ],
    },
  };
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
  ...floorRules,
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
              group: ['**/desktop/**', '**/server/**', '**/cli/**', '**/mcp-server/**'],
              message: 'src-main/os serves both hosts: it may import core only.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src-main/server/**/*.ts', 'src-main/headless.ts', 'src-main/host-runtime.ts', 'src-main/cli/**/*.ts'],
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

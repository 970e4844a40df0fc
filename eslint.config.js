// Lint rules, including the layer boundaries of DESIGN.md: shared/ imports no Node, DOM or Electron;
// renderer/ never imports electron/ or Node; electron/core/ never imports 'electron'; only the grid and
// graph wrappers import ag-grid and cytoscape.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const NODE_BUILTINS = ['node:*', 'fs', 'path', 'os', 'crypto', 'child_process', 'worker_threads', 'http', 'net', 'url', 'util', 'stream'];
const wrappersOnly = [
  { group: ['ag-grid-*', 'ag-grid-*/**'], message: 'Only renderer/src/components/DataGrid.tsx imports ag-grid.' },
  { group: ['cytoscape', 'cytoscape-*'], message: 'Only renderer/src/components/GraphView.tsx imports cytoscape.' },
  { group: ['@tiptap/*'], message: 'Only renderer/src/features/cases/NoteEditor.tsx imports tiptap.' },
];

export default tseslint.config(
  { ignores: ['node_modules/', 'out/', 'dist/', '.node22/', 'test-results/', 'bench/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true }],
      '@typescript-eslint/consistent-type-definitions': ['error', 'type'],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-console': 'off',
      eqeqeq: ['error', 'always', { null: 'ignore' }],
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [...NODE_BUILTINS, 'electron', 'react', 'react-*', '**/electron/**', '**/renderer/**'],
              message: 'shared/ is imported by both sides: no Node, DOM, Electron or UI code.',
            },
          ],
        },
      ],
      'no-restricted-globals': ['error', 'window', 'document', 'process', 'Buffer', 'require'],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [...NODE_BUILTINS, 'electron', 'better-sqlite3*'],
              message: 'The renderer never touches Node, Electron or the database: it asks the API.',
            },
            { group: ['**/electron/**', '../electron/*', '../../electron/*'], message: 'The renderer never imports main-process code; use shared/api.ts.' },
            ...wrappersOnly,
          ],
        },
      ],
    },
  },
  {
    files: [
      'renderer/src/components/DataGrid.tsx',
      'renderer/src/components/GraphView.tsx',
      'renderer/src/components/cytoscape-svg.d.ts',
      'renderer/src/features/cases/NoteEditor.tsx',
    ],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    files: ['electron/core/**/*.ts', 'electron/workers/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['electron'], message: 'electron/core is plain Node: it must run in the CLI, the browser shell and tests.' },
            { group: ['**/renderer/**'], message: 'Core services never import UI code.' },
          ],
        },
      ],
    },
  },
  {
    files: ['scripts/**/*.mjs', 'bin/**/*.mjs'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
  },
);

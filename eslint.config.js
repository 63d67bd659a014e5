import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import { builtinModules } from 'node:module';

const bare = builtinModules.filter((m) => !m.startsWith('node:') && !m.startsWith('_'));
const nodeBuiltins = [...bare, ...bare.map((m) => `node:${m}`)];

export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/dist/**', '.cache/**', '**/*.js', '**/*.mjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-restricted-syntax': [
        'error',
        {
          selector: "MemberExpression[object.name='process'][property.name='env']",
          message: 'Only @receptionist/config reads process.env.',
        },
      ],
    },
  },
  {
    files: [
      'packages/config/src/**',
      'packages/testing/src/**',
      'packages/db/src/test-template.ts',
      '**/*.test.ts',
      '**/test/**',
      '**/*.bench.ts',
      '**/bench/**',
      '**/*.cli.ts',
      'scripts/**',
    ],
    rules: { 'no-restricted-syntax': 'off' },
  },
  {
    // Workflow code runs in Temporal's deterministic sandbox: no Node built-ins, no I/O.
    files: ['**/*.workflow.ts', '**/workflows/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: nodeBuiltins.map((name) => ({
            name,
            message: 'Workflow code must stay deterministic: no Node built-ins.',
          })),
          patterns: [
            {
              group: ['**/activities', '**/activities/**', '**/*.activities', '**/*.activities.ts'],
              allowTypeImports: true,
              message: 'Workflows import activities as types only.',
            },
          ],
        },
      ],
    },
  },
);

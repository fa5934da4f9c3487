import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', '.data/**', 'coverage/**', 'bench/results.json'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // `import { z }` pulls all of zod (~700 KB) into every bundle; the namespace import tree-shakes.
      'no-restricted-syntax': ['error', { selector: "ImportDeclaration[source.value='zod'][importKind!='type'] > ImportSpecifier[imported.name='z']", message: "use `import * as z from 'zod'` (bundle size)" }],
    },
  },
  {
    // Domain code is pure: no adapters, no I/O, no frameworks.
    files: ['shared/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['**/adapters/**', '**/services/**', 'node:fs', 'node:http', 'node:net', 'fs', 'http', 'hono', 'hono/*', 'mongoose', '@cloudbase/*', '@seald-io/*'], message: 'domain code has no I/O and no framework' },
        ],
      }],
    },
  },
);

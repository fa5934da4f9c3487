import tseslint from 'typescript-eslint';
import { importX, createNodeResolver } from 'eslint-plugin-import-x';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', '.data/**', 'coverage/**', 'bench/results.json', '.scratch/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // `import { z }` pulls all of zod (~700 KB) into every bundle; the namespace import tree-shakes.
      'no-restricted-syntax': ['error', { selector: "ImportDeclaration[source.value='zod'][importKind!='type'] > ImportSpecifier[imported.name='z']", message: "use `import * as z from 'zod'` (bundle size)" }],
    },
  },
  {
    // No import cycles: a module in a cycle may run before what it imports has loaded (undefined
    // constants at cold start), and a cycle ties capabilities that should stand alone. Type-only
    // imports are erased at build time and do not count.
    plugins: { 'import-x': importX },
    settings: {
      'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.mts', '.js', '.mjs', '.json'] })],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts', '.mts'] },
      'import-x/extensions': ['.ts', '.mts', '.js', '.mjs'],
    },
    rules: {
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      // Layers: services use ports (shared/ports) and never an adapter, so a use case can be read and
      // tested without a database, WeCom or a cipher key; adapters implement ports and know nothing of
      // the HTTP edge or the use cases. shared/runtime wires adapters to services.
      'import-x/no-restricted-paths': ['error', {
        zones: [
          { target: './shared/services', from: './shared/adapters', message: 'services use ports (shared/ports); shared/runtime wires the adapters' },
          { target: './shared/adapters', from: ['./shared/http', './shared/services', './shared/runtime'], message: 'adapters implement ports and know nothing of the HTTP edge, the use cases or the wiring' },
          // Wiring happens in one place per function (functions/<name>/wiring.ts): shared code receives
          // its collaborators from there and never reaches into a function, and one function never
          // imports another's code (each is its own bundle; a new function adds its own line below).
          { target: './shared', from: './functions', message: "shared code never imports a function: the function's composition root (functions/<name>/wiring.ts) hands it what it needs" },
          { target: './functions/gap-analysis', from: ['./functions/intake', './functions/outcomes', './functions/points', './functions/reminder-cron', './functions/triage', './functions/web', './functions/welcome'], message: 'a function imports shared code, never another function (each is its own bundle)' },
          { target: './functions/intake', from: ['./functions/gap-analysis', './functions/outcomes', './functions/points', './functions/reminder-cron', './functions/triage', './functions/web', './functions/welcome'], message: 'a function imports shared code, never another function (each is its own bundle)' },
          { target: './functions/outcomes', from: ['./functions/gap-analysis', './functions/intake', './functions/points', './functions/reminder-cron', './functions/triage', './functions/web', './functions/welcome'], message: 'a function imports shared code, never another function (each is its own bundle)' },
          { target: './functions/points', from: ['./functions/gap-analysis', './functions/intake', './functions/outcomes', './functions/reminder-cron', './functions/triage', './functions/web', './functions/welcome'], message: 'a function imports shared code, never another function (each is its own bundle)' },
          { target: './functions/reminder-cron', from: ['./functions/gap-analysis', './functions/intake', './functions/outcomes', './functions/points', './functions/triage', './functions/web', './functions/welcome'], message: 'a function imports shared code, never another function (each is its own bundle)' },
          { target: './functions/triage', from: ['./functions/gap-analysis', './functions/intake', './functions/outcomes', './functions/points', './functions/reminder-cron', './functions/web', './functions/welcome'], message: 'a function imports shared code, never another function (each is its own bundle)' },
          { target: './functions/web', from: ['./functions/gap-analysis', './functions/intake', './functions/outcomes', './functions/points', './functions/reminder-cron', './functions/triage', './functions/welcome'], message: 'a function imports shared code, never another function (each is its own bundle)' },
          { target: './functions/welcome', from: ['./functions/gap-analysis', './functions/intake', './functions/outcomes', './functions/points', './functions/reminder-cron', './functions/triage', './functions/web'], message: 'a function imports shared code, never another function (each is its own bundle)' },
        ],
      }],
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
  {
    // A reader takes in a function at once: a long one is split by job into named steps (a factory's
    // closures become module-level functions over an explicit state).
    files: ['shared/**/*.ts'],
    rules: {
      'max-lines-per-function': ['error', { max: 120 }],
    },
  },
);

// ESLint: typescript-eslint's recommended rules; layout is prettier's (eslint-config-prettier turns off the rules
// that would argue with it). Import boundaries are checked by test/architecture.test.ts, not here.
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      'out/**',
      'dist/**',
      'release/**',
      'build/**',
      'node_modules/**',
      'test-results/**',
      '**/.scratch/**',
      'test/mongo-java-server/**',
    ],
  },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    rules: {
      // `const { _id, createdAt, ...fields } = doc` is how a document drops its database-only fields.
      '@typescript-eslint/no-unused-vars': ['error', { ignoreRestSiblings: true, argsIgnorePattern: '^_' }],
      // Untrusted text (order ids, log lines, printer replies) is cleaned by matching control characters on purpose.
      'no-control-regex': 'off',
      // Errors here are sentences for an operator that already quote the cause's message (DESIGN §6); the cause
      // itself is logged where the error is caught, not chained.
      'preserve-caught-error': 'off',
    },
  },
  {
    files: ['test/**', 'bench/**'],
    // Tests and benches read untyped wire replies (JSON from a socket, a page's globals) and assert on them.
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  prettier,
);

import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

// Only the thin adapter files may import Electron (STYLE.md, "Process boundaries").
const electronAdapters = ['main/electron/**/*.ts', 'main/preload.ts', 'test/e2e/**/*.ts'];

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'out/', '.tools/', 'test-output/', 'renderer/dist/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', ignoreRestSiblings: true }],
      'no-restricted-imports': ['error', {
        paths: [{ name: 'electron', message: 'Only the thin adapters in main/electron/ and main/preload.ts import electron.' }],
      }],
    },
  },
  {
    files: electronAdapters,
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    files: ['server/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [{ name: 'electron', message: 'The server never imports electron.' }],
        patterns: [{ group: ['../main/*', '../../main/*', '../renderer/*'], message: 'The server does not depend on the app.' }],
      }],
    },
  },
);

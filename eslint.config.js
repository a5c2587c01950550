import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

const noElectron = { group: ['electron', 'electron/*'], message: 'Only src-main/app/ may import electron.' };
const nodeBuiltins = ['node:*', 'fs', 'path', 'os', 'child_process', 'net', 'http', 'https', 'crypto', 'url'];

export default tseslint.config(
  { ignores: ['out/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'bench/results.json'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['src-main/**', 'src-preload/**', 'scripts/**', 'e2e/**', 'bench/**', '*.config.*'],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    files: ['src-renderer/**'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['electron', 'electron/*'], message: 'The renderer reaches the host only through the Bridge.' },
            { group: nodeBuiltins, message: 'The renderer runs in a browser: no Node built-ins.' },
            { group: ['**/src-main/**', 'src-main/*'], message: 'The renderer may import src-shared, never src-main.' },
          ],
        },
      ],
    },
  },
  {
    files: ['src-main/services/**', 'src-main/host/**', 'src-shared/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [noElectron] }],
    },
  },
  {
    // A thin host: it reaches the services only through services/index (createServices and what it exports).
    files: ['src-main/host/**'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            noElectron,
            { regex: '(^|/)services/(?!index$)', message: 'src-main/host reaches services only through services/index; export what the host needs from there.' },
          ],
        },
      ],
    },
  },
  {
    files: ['src-shared/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['electron', 'electron/*'], message: 'The contract is environment-free.' },
            { group: nodeBuiltins, message: 'The contract is environment-free: no Node built-ins.' },
            { group: ['**/src-main/**', '**/src-renderer/**'], message: 'src-shared imports nothing from the sides.' },
          ],
        },
      ],
    },
  },
);

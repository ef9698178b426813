// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const hostOnly = ['**/views/**', '**/webview/*', '**/commands/**', '**/host/**', '**/editor/**', '**/extension'];
const nodeIo = ['node:fs', 'fs', 'node:fs/promises', 'fs/promises', 'node:net', 'node:http', 'node:https', 'node:child_process', 'child_process', 'http', 'https', 'net'];

export default tseslint.config(
  { ignores: ['dist/**', 'out/**', 'node_modules/**', '.cache/**', '.vscode-test/**', 'test/fixtures/**', '**/*.mjs', '**/*.js'] },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  ...tseslint.configs.stylisticTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: { allowDefaultProject: [] }, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true, allowBoolean: true }],
    },
  },
  {
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: ['vscode', ...nodeIo], patterns: ['@aws-sdk/*', '@smithy/*', '**/aws/**', '**/archive/**', ...hostOnly] }],
    },
  },
  {
    files: ['src/aws/**/*.ts', 'src/archive/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: ['vscode'], patterns: hostOnly }] },
  },
  {
    files: ['src/webview/client/**/*.ts'],
    languageOptions: { parserOptions: { projectService: false, project: './tsconfig.webview.json' } },
    rules: {
      'no-restricted-imports': ['error', { paths: ['vscode'], patterns: ['@aws-sdk/*', '@smithy/*', '**/aws/**', '**/archive/**', 'node:*', ...hostOnly] }],
    },
  },
  {
    files: ['test/**/*.ts', 'bench/**/*.ts', 'tools/**/*.ts'],
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-floating-promises': 'off',
    },
  },
);

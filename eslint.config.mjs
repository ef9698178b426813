// @ts-check
// The rings and the feature rule are checked on resolved paths by dependency-cruiser
// (.dependency-cruiser.cjs, `npm run lint:deps`); this file holds the TypeScript rules.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import trust from './eslint-rules/index.mjs';

export default tseslint.config(
  { ignores: ['dist/**', 'out/**', 'node_modules/**', '.cache/**', '.vscode-test/**', 'test/fixtures/**', '.stryker-tmp*/**', 'reports/**', '**/*.mjs', '**/*.js', '**/*.cjs'] },
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
    files: ['src/**/*.ts'],
    plugins: { trust },
    // Every text from events, files, settings or the workspace reaches a VS Code surface through core/safeText.
    rules: { 'trust/safe-ui-text': 'error' },
  },
  {
    // Webview clients compile against the DOM (tsconfig.webview.json), not Node.
    files: ['src/features/**/client/**/*.ts', 'src/host/webview/client/**/*.ts'],
    languageOptions: { parserOptions: { projectService: false, project: './tsconfig.webview.json' } },
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

// @ts-check
/**
 * The written habits (../shared/STYLE.md, DESIGN.md), enforced: import boundaries between the
 * layers, and type-aware rules that catch what chat code gets wrong (a promise nobody awaits, a
 * handler that returns one, an import that is only a type). `npm run verify` runs this with
 * `--max-warnings 0`; `npm test` runs verify.
 */
import tseslint from 'typescript-eslint';

/** Lit, its packages and DOM-only libraries: the elements' business, never core's. */
const LIT_AND_DOM = ['lit', 'lit/*', '@lit/*', '@lit-labs/*', 'dompurify', 'idb-keyval'];

/**
 * Core's store and its state, as a protocol folder (src/core/protocols/<name>/) reaches them: a
 * protocol's view of them is StoreView. A protocol's own modules (its run's state.ts) are its own.
 */
const STORE_MODULES = ['**/../store.js', '**/../state.js', '**/../reduce-*.js', '**/../cache.js', '**/../outbox.js'];

/** An import of a sibling layer by relative path. */
const layer = (name) => [`**/${name}/**`, `**/${name}`];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', '**/*.d.ts', 'custom-elements.json'] },
  {
    files: ['src/**/*.ts'],
    extends: [tseslint.configs.base],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }],
      '@typescript-eslint/await-thenable': 'error',
      '@typescript-eslint/no-unnecessary-type-assertion': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-implied-eval': 'error',
      'no-eval': 'error',
      'no-new-func': 'error',
      eqeqeq: ['error', 'always'],
    },
  },
  {
    // Core is the headless client: no Lit, no DOM library, no element or Lit-layer code.
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: LIT_AND_DOM, message: 'src/core has no Lit and no DOM library (DESIGN.md: core is headless).' },
          { group: [...layer('elements'), ...layer('lit')], message: 'src/core must not import the Lit layer or the elements.' },
        ],
      }],
      'no-restricted-globals': ['error',
        { name: 'document', message: 'src/core has no DOM.' },
        { name: 'window', message: 'src/core has no DOM: use globalThis for platform features.' },
        { name: 'HTMLElement', message: 'src/core has no DOM.' },
        { name: 'customElements', message: 'src/core has no DOM.' },
        { name: 'localStorage', message: 'src/core keeps data through its KeyValueStore.' },
        { name: 'sessionStorage', message: 'src/core keeps data through its KeyValueStore.' },
      ],
    },
  },
  {
    // A protocol sees the store only through the view core computes (StoreView), never its state.
    files: ['src/core/protocols/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: LIT_AND_DOM, message: 'src/core has no Lit and no DOM library (DESIGN.md: core is headless).' },
          { group: [...layer('elements'), ...layer('lit')], message: 'src/core must not import the Lit layer or the elements.' },
          { group: STORE_MODULES, message: 'A protocol reads the store only through run.view (StoreView), never the store or its state.' },
        ],
      }],
      'no-restricted-syntax': ['error',
        { selector: "MemberExpression[property.name='getState']", message: 'A protocol reads run.view (StoreView), never the state.' },
        { selector: 'Literal[value=/^local:/]', message: 'A protocol never tests the pending-id prefix: view.unconfirmedSends(…) says which sends are unconfirmed.' },
      ],
    },
  },
  {
    // Elements talk to a backend only through the store and the session, never a protocol.
    files: ['src/elements/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [{ group: layer('protocols'), message: 'Elements never import a protocol: they see the store and the session.' }],
      }],
    },
  },
);

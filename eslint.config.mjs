import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const API_NOT_WORKER = { group: ['**/worker/**'], message: 'the API never imports the worker' };

/**
 * One loader mechanism: every DataLoader is created in apps/api/src/graphql/loaders.ts (the per-request
 * `Loaders`, named and typed there, and the process-wide `LiveEventLoaders`). Resolvers batch through
 * `context.loaders.<name>`; add a loader there rather than creating one anywhere else.
 */
const LOADERS_MESSAGE =
  'DataLoaders are created only in apps/api/src/graphql/loaders.ts: add a named loader to Loaders and use context.loaders.<name>.';
const DATALOADER_IMPORT = { name: 'dataloader', message: LOADERS_MESSAGE };
const NEW_DATALOADER = { selector: "NewExpression[callee.name='DataLoader']", message: LOADERS_MESSAGE };

/**
 * One field-resolver style: a @ResolveField method takes (parent, args, context) as graphql-js passes
 * them, without parameter decorators, so @nestjs/graphql calls it directly (no per-row parameter
 * resolution and pipes; `npm run bench:graphql`, nest-fields against nest-fields-decorated). A field
 * with GraphQL arguments must declare them with @Args(), and Nest then fills only decorated
 * parameters: such a method is (@Parent() parent, @Args() args, @Context() context), in that order.
 * The viewer comes from the context (`viewerOf(context)`), never @CurrentViewer().
 */
// esquery (1.7) matches `:has(> A > B)` wrongly, hence `:has(A > B)` (a decorator anywhere in the method;
// only its own and its parameters' exist) and `CallExpression[callee.name=…]`.
const decorator = (name) => `Decorator > CallExpression[callee.name='${name}']`;
const RESOLVE_FIELD = `MethodDefinition:has(${decorator('ResolveField')})`;
const WITH_ARGS = `${RESOLVE_FIELD}:has(${decorator('Args')})`;
const PARAMS = '> FunctionExpression > .params';
const FIELD_STYLE_MESSAGE =
  'A @ResolveField method takes (parent, args, context) without parameter decorators; a field with arguments takes exactly (@Parent() parent, @Args() args, @Context() context). The viewer is viewerOf(context), not @CurrentViewer().';
const FIELD_RESOLVER_STYLE = [
  // No parameter decorators on a field without arguments.
  { selector: `${RESOLVE_FIELD}:not(:has(${decorator('Args')})) ${PARAMS} > Decorator`, message: FIELD_STYLE_MESSAGE },
  // With arguments: @Parent(), @Args(), @Context(), in graphql-js's order, and nothing else.
  ...['Parent', 'Args', 'Context'].map((name, index) => ({
    selector: `${WITH_ARGS} ${PARAMS}:nth-child(${index + 1}):not(:has(${decorator(name)}))`,
    message: FIELD_STYLE_MESSAGE,
  })),
  { selector: `${WITH_ARGS} ${PARAMS}:nth-child(4)`, message: FIELD_STYLE_MESSAGE },
];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', '.data/**', 'coverage/**', 'libs/schema/migrations/*.ts'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-unsafe-function-type': 'off',
    },
  },
  {
    // Dependencies point one way: apps → libs. The API and the worker never import each other.
    files: ['libs/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [DATALOADER_IMPORT], patterns: [{ group: ['**/apps/**'], message: 'libs must not import apps' }] },
      ],
      'no-restricted-syntax': ['error', NEW_DATALOADER],
    },
  },
  {
    files: ['apps/api/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [DATALOADER_IMPORT], patterns: [API_NOT_WORKER] }],
      'no-restricted-syntax': ['error', NEW_DATALOADER, ...FIELD_RESOLVER_STYLE],
    },
  },
  {
    // The one place DataLoaders are created (per request, per subscription event, per process for live events).
    files: ['apps/api/src/graphql/loaders.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [API_NOT_WORKER] }],
      'no-restricted-syntax': ['error', ...FIELD_RESOLVER_STYLE],
    },
  },
  {
    files: ['apps/worker/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [DATALOADER_IMPORT],
          patterns: [{ group: ['**/api/**'], message: 'the worker never imports the API' }],
        },
      ],
      'no-restricted-syntax': ['error', NEW_DATALOADER],
    },
  },
  {
    files: ['test/**/*.ts', 'bench/**/*.ts', '**/*.spec.ts'],
    rules: {
      'no-restricted-imports': 'off',
      'no-restricted-syntax': 'off',
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: {
      globals: {
        require: 'readonly',
        module: 'writable',
        process: 'readonly',
        console: 'readonly',
        __dirname: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        setInterval: 'readonly',
        clearInterval: 'readonly',
        Buffer: 'readonly',
        URL: 'readonly',
        fetch: 'readonly',
      },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);

// `npm run deps:check` (and CI): the direction of dependencies between the contexts in libs/, the
// apps and the rest. The README's Layout section draws the same order.

/**
 * Every context in libs/, bottom first: a context may import only the ones listed before it, so the
 * folder graph has no cycle. A new context is added here, at the place its dependencies allow.
 */
const CONTEXTS = [
  // Foundations: no domain knowledge.
  'common',
  'config',
  'assembly',
  'demo',
  // Infrastructure.
  'database',
  'redis',
  'notifications',
  'outbox',
  'queues',
  // The domain, in the order a need travels.
  'taxonomy',
  'playbooks',
  'accounts',
  'vault',
  'vendors',
  'intents',
  'matching',
  'disclosure',
  'offers',
  'awards',
  'solutions',
  // About a person's data across contexts, and integrations.
  'data-export',
  'erasure',
  'webhooks',
  // Composition: every entity and migration (the apps, the CLI, tests and benches use it).
  'schema',
];

const above = (index) => CONTEXTS.slice(index + 1).join('|');

module.exports = {
  forbidden: [
    ...CONTEXTS.slice(0, -1).map((context, index) => ({
      name: `${context}-imports-below`,
      comment: `libs/${context} may import only contexts listed before it in .dependency-cruiser.js`,
      severity: 'error',
      from: { path: `^libs/${context}/` },
      to: { path: `^libs/(${above(index)})/` },
    })),
    {
      name: 'context-listed',
      comment:
        'every folder in libs/ is a context listed in .dependency-cruiser.js (its place sets what it may import)',
      severity: 'error',
      from: { path: '^libs/', pathNot: `^libs/(${CONTEXTS.join('|')})/` },
      to: {},
    },
    {
      name: 'public-index-only',
      comment:
        'another context is imported through its public index (@app/<context>), never a file inside it ' +
        '(migrations excepted: they seed from the frozen data files they were written with)',
      severity: 'error',
      from: { path: '^libs/([^/]+)/', pathNot: '^libs/schema/migrations/' },
      to: { path: '^libs/', pathNot: ['^libs/$1/', '^libs/[^/]+/index\\.ts$'] },
    },
    {
      name: 'apps-use-public-index',
      comment: 'the apps import contexts through their public index (@app/<context>)',
      severity: 'error',
      from: { path: '^apps/' },
      to: { path: '^libs/', pathNot: '^libs/[^/]+/index\\.ts$' },
    },
    {
      name: 'libs-not-apps',
      comment: 'libs never import apps: apps wire libs together',
      severity: 'error',
      from: { path: '^libs/' },
      to: { path: '^apps/' },
    },
    {
      name: 'api-not-worker',
      comment: 'the API and the worker never import each other',
      severity: 'error',
      from: { path: '^apps/api/' },
      to: { path: '^apps/worker/' },
    },
    {
      name: 'worker-not-api',
      severity: 'error',
      from: { path: '^apps/worker/' },
      to: { path: '^apps/api/' },
    },
    {
      name: 'no-circular',
      comment: "no module imports itself through others (entities may: TypeORM's two-sided relations)",
      severity: 'error',
      from: { pathNot: '\\.entity\\.ts$' },
      to: { circular: true },
    },
    {
      name: 'no-test-code-in-production',
      comment: 'specs and test support are not imported by apps or libs',
      severity: 'error',
      from: { path: '^(apps|libs)/', pathNot: '\\.spec\\.ts$|/testing/' },
      to: { path: '\\.spec\\.ts$|^test/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(dist|node_modules|\\.data)/' },
    // Type-only imports count too: a context that names another's types depends on it.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.js', '.json'] },
  },
};

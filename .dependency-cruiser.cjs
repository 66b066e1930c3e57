/**
 * Import boundaries of prontivia, checked in CI (`npm run lint:deps`):
 * - the solver is a library: outside solver/, only solver/index.ts is imported;
 * - the web imports from server/ only its contract (server/contract/), tests included;
 * - the solver imports nothing of server/ or web/;
 * - no circular imports.
 */
module.exports = {
  forbidden: [
    {
      name: 'solver-only-through-index',
      comment: 'Outside solver/, import the solver through solver/index.ts (its public API).',
      severity: 'error',
      from: { pathNot: '^solver/' },
      to: { path: '^solver/', pathNot: '^solver/index\\.ts$' },
    },
    {
      name: 'web-only-contract',
      comment: 'The web imports from server/ only server/contract/ (the API contract).',
      severity: 'error',
      from: { path: '^web/' },
      to: { path: '^server/', pathNot: '^server/contract/' },
    },
    {
      name: 'contract-is-a-leaf',
      comment: 'server/contract/ is shared with the web: it imports nothing else of server/ or solver/.',
      severity: 'error',
      from: { path: '^server/contract/' },
      to: { path: '^(server|solver)/', pathNot: '^server/contract/' },
    },
    {
      name: 'solver-is-pure',
      comment: 'The solver imports nothing of server/, web/ or bench/.',
      severity: 'error',
      from: { path: '^solver/', pathNot: '\\.test\\.ts$' },
      to: { path: '^(server|web|bench|test)/' },
    },
    {
      name: 'no-circular',
      comment: 'Modules do not import each other in a cycle.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(node_modules|dist|data)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.js'] },
  },
};

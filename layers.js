// Which folder of src/ may import which: each layer imports only the layers listed before it (and itself).
// Read by .dependency-cruiser.js (run by `npm run lint`); the README's tree lists the folders in this order.
module.exports = {
  layers: [
    'config',
    'log',
    'ocpi',
    'crypto',
    'db',
    'audit',
    'observe',
    'parties',
    'policy',
    'forward',
    'modules',
    'convert',
    'bridge',
    'outbox',
    'proxy',
    'pipeline',
    'check',
    'admin',
    'jobs',
    'openapi',
    'requests',
    'app',
    'server',
    'ops',
    'main',
  ],
  /** A higher file a lower folder may still import: a module table uses the pipeline's types and route(). */
  allowed: [{ from: 'modules', to: 'src/pipeline/types\\.ts$' }],
  /** Command-line entry points: they assemble the whole hub, so they may import any layer. */
  entries: ['src/main\\.ts$', 'src/openapi/write\\.ts$', 'src/ops/cli\\.ts$', 'src/check/cli\\.ts$'],
};

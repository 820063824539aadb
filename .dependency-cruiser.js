// Import directions of src/ (the table in layers.js) and no cycles, checked by `npm run lint`.
const { layers, allowed, entries } = require('./layers');

const at = (name) => `^src/${name}(/|\\.ts$)`;

/** One rule per layer: nothing in it imports a layer listed after it. */
const upward = layers.slice(0, -1).map((name, i) => ({
  name: `layer-${name}`,
  comment: `src/${name} sits below ${layers.slice(i + 1).join(', ')} (layers.js)`,
  severity: 'error',
  from: { path: at(name), pathNot: entries },
  to: {
    path: `^src/(${layers.slice(i + 1).join('|')})(/|\\.ts$)`,
    pathNot: allowed.filter((a) => a.from === name).map((a) => a.to),
  },
}));

module.exports = {
  forbidden: [
    ...upward,
    {
      name: 'no-cycle',
      comment: 'files that import each other, directly or around a loop',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    exclude: { path: '^src/admin/ui/static/' },
  },
};

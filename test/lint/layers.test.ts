// The import directions of layers.js, as `npm run lint` checks them: small bad trees, linted in a temporary folder.
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';

const ROOT = join(__dirname, '..', '..');
let dir: string;

/** Writes `files` under a fresh folder and runs dependency-cruiser there with the project's config. */
async function cruise(files: Record<string, string>): Promise<{ code: number; out: string }> {
  writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions: { module: 'commonjs', strict: true } }));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  const bin = join(ROOT, 'node_modules', 'dependency-cruiser', 'bin', 'dependency-cruise.mjs');
  try {
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [bin, 'src', '--config', join(ROOT, '.dependency-cruiser.js')],
      { cwd: dir },
    );
    return { code: 0, out: stdout };
  } catch (error) {
    const e = error as { code: number; stdout: string };
    return { code: e.code, out: e.stdout };
  }
}

beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'layers-'))));
afterEach(() => rmSync(dir, { recursive: true, force: true }));

test('when a lower folder imports a higher one, then lint fails naming the layer rule', async () => {
  const r = await cruise({
    'src/pipeline/act.ts': 'export const act = 1;\n',
    'src/ocpi/bad.ts': "import { act } from '../pipeline/act';\nexport const bad = act;\n",
  });
  expect(r.code).not.toBe(0);
  expect(r.out).toMatch(/layer-ocpi: src\/ocpi\/bad\.ts → src\/pipeline\/act\.ts/);
});

test('when two files import each other, then lint fails naming the cycle', async () => {
  const r = await cruise({
    'src/policy/a.ts': "import { b } from './b';\nexport const a = () => b;\n",
    'src/policy/b.ts': "import { a } from './a';\nexport const b = () => a;\n",
  });
  expect(r.code).not.toBe(0);
  expect(r.out).toMatch(/no-cycle/);
});

test('when a module imports the pipeline types and a lower folder, then lint passes', async () => {
  const r = await cruise({
    'src/pipeline/types.ts': 'export type Decision = { data?: unknown };\n',
    'src/ocpi/url.ts': 'export const subpath = (s: string) => `/${s}`;\n',
    'src/modules/x/routes.ts':
      "import type { Decision } from '../../pipeline/types';\nimport { subpath } from '../../ocpi/url';\nexport const d: Decision = { data: subpath('a') };\n",
  });
  expect(r).toMatchObject({ code: 0 });
});

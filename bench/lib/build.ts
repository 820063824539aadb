// The hub a benchmark measures is the build the container runs (`node dist/main.js`, see the Dockerfile), compiled
// once per bench run, not src/ under tsx (what `npm start` and the tests run: esbuild's output, with keepNames and
// getter exports). Nine interleaved broadcast pairs could not tell them apart (medians 0.425 compiled, 0.401 under
// tsx; five pairs to four). BENCH_HUB_TSX=1 measures src/ under tsx again, without the build.
import { execFile } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import ts from 'typescript';

const ROOT = path.resolve(__dirname, '../..');
/** Outside dist/ (the build the image ships) and outside the sources: a cache folder of node_modules. */
const CACHE = path.join(ROOT, 'node_modules', '.cache', 'ocpi-hub-bench');

let built: Promise<string[]> | undefined;

/** db-calls.ts, compiled alone to CommonJS: `--require`d before the hub's own modules (its mongoose is theirs). */
function compileDbCalls(): string {
  const source = readFileSync(path.join(__dirname, 'db-calls.ts'), 'utf8');
  const { outputText } = ts.transpileModule(source, {
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true },
  });
  mkdirSync(CACHE, { recursive: true });
  const file = path.join(CACHE, 'db-calls.js');
  writeFileSync(file, outputText);
  return file;
}

async function build(): Promise<string[]> {
  if (process.env.BENCH_HUB_TSX) {
    const tsx = pathToFileURL(require.resolve('tsx')).href;
    const dbCalls = pathToFileURL(path.join(__dirname, 'db-calls.ts')).href;
    return ['--import', tsx, '--import', dbCalls, path.join(ROOT, 'src', 'main.ts')];
  }
  // `npm run build`, as the Dockerfile does it
  await promisify(execFile)(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.build.json'], {
    cwd: ROOT,
  });
  return ['--require', compileDbCalls(), path.join(ROOT, 'dist', 'main.js')];
}

/** The node arguments that start the hub with the bench's instrumentation (lib/db-calls.ts) loaded first. */
export const hubEntry = (): Promise<string[]> => (built ??= build());

/** A profile frame's file as the sources name it: the build's `dist/outbox/deliver.js` is `src/outbox/deliver.ts`. */
export function sourceFile(url: string): string {
  const file = path.relative(ROOT, url.replace(/^file:\/\//, ''));
  const compiled = /^dist\/(.+)\.js$/.exec(file);
  return compiled ? `src/${compiled[1]}.ts` : file;
}

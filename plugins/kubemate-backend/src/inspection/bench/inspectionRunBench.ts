/* eslint-disable no-console */
/**
 * Starts the end-to-end inspection run benchmark (`inspectionRunBenchMain.ts`; its arguments
 * are described there):
 *
 *   cd plugins/kubemate-backend && yarn bench:inspection [--compiled=1|0] [benchmark arguments]
 *
 * `--compiled=1` (default) runs it as compiled JavaScript, the way a built backend runs: the
 * benchmark and this repository's packages bundled by esbuild into `bench/.build/inspection`,
 * every other package loaded from node_modules as is. Otherwise the development TypeScript
 * transform (its compiler, the transformed sources and their source maps, ~150 MB) would be
 * counted in the backend's memory. `--compiled=0` runs the sources in this process instead.
 */
import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { spawn } from 'node:child_process';
import path from 'node:path';

const PACKAGE = '@kubemate/plugin-kubemate-backend';

async function main() {
  const argv = process.argv.slice(2);
  const compiled = argv.find(a => a.startsWith('--compiled='));
  const rest = argv.filter(a => a !== compiled);
  if (compiled === '--compiled=0') {
    process.argv = [...process.argv.slice(0, 2), ...rest];
    require('./inspectionRunBenchMain');
    return;
  }
  if (compiled && compiled !== '--compiled=1') {
    throw new Error(`${compiled}: expected --compiled=1 or --compiled=0`);
  }
  // A dev-only script: esbuild comes with the workspace's tooling.
  // eslint-disable-next-line @backstage/no-undeclared-imports
  const { build } = await import('esbuild');
  const outdir = resolvePackagePath(PACKAGE, 'bench/.build/inspection');
  const sources = resolvePackagePath(PACKAGE, 'src/inspection/bench');
  await build({
    entryPoints: ['inspectionRunBenchMain.ts', 'simulatorProcess.ts'].map(f =>
      path.join(sources, f),
    ),
    outdir,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node22',
    logLevel: 'warning',
    plugins: [
      {
        name: 'only-workspace-packages',
        setup(b) {
          // Bare imports other than this repository's packages stay require() calls.
          // A package.json looked up at run time stays where it is, too.
          b.onResolve({ filter: /^[^./]/ }, args =>
            args.path.startsWith('@kubemate/') &&
            !args.path.endsWith('/package.json')
              ? undefined
              : { path: args.path, external: true },
          );
        },
      },
    ],
  });
  const child = spawn(
    process.execPath,
    [
      '--expose-gc',
      ...process.execArgv.filter(a => /^--(cpu|heap)-prof/.test(a)),
      path.join(outdir, 'inspectionRunBenchMain.js'),
      ...rest,
    ],
    {
      stdio: 'inherit',
      // The backend's environment: its start scripts (and the admin guide's production
      // settings) give it MALLOC_ARENA_MAX=2.
      env: { MALLOC_ARENA_MAX: '2', ...process.env },
    },
  );
  await new Promise<void>(resolve =>
    child.on('exit', code => {
      process.exitCode = code ?? 1;
      resolve();
    }),
  );
}

main().catch(e => {
  console.error(e);
  process.exit(1);
});

/*
 * Runs the workloads benchmark as compiled JavaScript, the way a built backend runs, instead of
 * through the development TypeScript loader (whose compiler and source maps would otherwise be
 * counted in the backend's memory). The benchmark and the workspace packages it imports are
 * bundled by esbuild into bench/.build; every other package is loaded from node_modules as is.
 *
 *   node bench/runCompiled.mjs [benchmark arguments, see workloadsBench.ts]
 */
import { build } from 'esbuild';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const outdir = path.join(here, '.build');

await build({
  entryPoints: ['workloadsBench.ts', 'simulatorProcess.ts'].map(f =>
    path.join(here, f),
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
        // Bare imports other than this repo's packages stay require() calls into node_modules.
        b.onResolve({ filter: /^[^./]/ }, args =>
          args.path.startsWith('@kubemate/')
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
    path.join(outdir, 'workloadsBench.js'),
    ...process.argv.slice(2),
  ],
  { stdio: 'inherit' },
);
child.on('exit', code => process.exit(code ?? 1));

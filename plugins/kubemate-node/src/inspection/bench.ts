/* eslint-disable no-console */
/**
 * Synthetic benchmark of a full baseline run.
 *
 *   node -r @backstage/cli/config/nodeTransform.cjs \
 *     plugins/kubemate-node/src/inspection/bench.ts [pods] [deployments] [namespaces]
 *
 * Set BARE_PODS=1 to make every pod a standalone workload (worst case: all
 * pod-template rules also run on every pod).
 *
 * Defaults: 10,000 pods, 3,000 deployments, 500 namespaces (plus their
 * ReplicaSets, Services, PDBs, HPAs, events, nodes and TLS secrets).
 */
import { performance } from 'node:perf_hooks';
import { loadBaselineRulePack, loadBuiltinProfiles } from './builtin';
import { createInspector } from './inspector';
import { computeScore } from './score';
import { KubeObject } from './types';
// A dev-only script: it reuses the test fixture builders on purpose.
// eslint-disable-next-line no-restricted-imports
import {
  newTestContainer,
  newTestDeployment,
  newTestEvent,
  newTestHPA,
  newTestNamespace,
  newTestNode,
  newTestPDB,
  newTestPod,
  newTestService,
  newTestTlsSecret,
} from './__testUtils__/fixtures';

export function generateCluster(
  pods: number,
  deployments: number,
  namespaces: number,
  barePods = false,
): KubeObject[] {
  const objects: KubeObject[] = [];
  const now = Date.now();
  for (let n = 0; n < namespaces; n++) {
    objects.push(newTestNamespace(`team-${n}`));
  }
  for (let i = 0; i < 50; i++) {
    objects.push(
      newTestNode(`node-${i}`, i % 17 === 0 ? { MemoryPressure: 'True' } : {}),
    );
  }
  const cert = newTestTlsSecret({ notAfter: new Date(now + 20 * 86_400_000) });
  for (let d = 0; d < deployments; d++) {
    const namespace = `team-${d % namespaces}`;
    const name = `app-${d}`;
    const labels = { app: name, tier: d % 2 ? 'web' : 'api' };
    const variant = d % 5;
    const container = newTestContainer({
      name: 'main',
      image:
        variant === 0
          ? 'nginx:latest'
          : `registry.example.com/${name}:1.${d % 9}.0`,
      resources: variant === 1 ? null : undefined,
      livenessProbe: variant === 2 ? null : undefined,
      securityContext: variant === 3 ? { privileged: true } : undefined,
      env: [{ name: variant === 4 ? 'DB_PASSWORD' : 'LOG_LEVEL', value: 'x' }],
    });
    const sidecar = newTestContainer({
      name: 'proxy',
      image: 'cr.l5d.io/linkerd/proxy:stable-2.14.10',
    });
    const dep = newTestDeployment({
      name,
      namespace,
      labels,
      replicas: 1 + (d % 3),
      containers: [container, sidecar],
    });
    objects.push(dep);
    objects.push({
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: {
        name: `${name}-7d9c`,
        namespace,
        labels,
        ownerReferences: [{ kind: 'Deployment', name, controller: true }],
      },
      spec: dep.spec,
    });
    objects.push(
      newTestService({
        name,
        namespace,
        selector: d % 11 === 0 ? { app: `${name}-gone` } : { app: name },
      }),
    );
    if (d % 2 === 0)
      objects.push(
        newTestPDB({
          name: `${name}-pdb`,
          namespace,
          selector: { matchLabels: { app: name } },
        }),
      );
    if (d % 4 === 0) objects.push(newTestHPA({ namespace, target: name }));
    if (d % 10 === 0)
      objects.push({ ...cert, metadata: { name: `${name}-tls`, namespace } });
  }
  for (let p = 0; p < pods; p++) {
    const d = p % deployments;
    const namespace = `team-${d % namespaces}`;
    const name = `app-${d}`;
    const pod = newTestPod({
      name: `${name}-7d9c-${p}`,
      namespace,
      labels: { app: name, tier: d % 2 ? 'web' : 'api' },
      ownerKind: barePods ? undefined : 'ReplicaSet',
      status:
        p % 97 === 0
          ? {
              phase: 'Running',
              containerStatuses: [
                {
                  name: 'main',
                  restartCount: 9,
                  state: { waiting: { reason: 'CrashLoopBackOff' } },
                },
              ],
            }
          : undefined,
    });
    objects.push(pod);
    if (p % 20 === 0) {
      objects.push(
        newTestEvent({
          name: `${pod.metadata!.name}.1`,
          involved: { kind: 'Pod', namespace, name: pod.metadata!.name },
        }),
      );
    }
  }
  return objects;
}

function main() {
  const [pods = 10_000, deployments = 3_000, namespaces = 500] = process.argv
    .slice(2)
    .map(Number);
  const t0 = performance.now();
  const pack = loadBaselineRulePack();
  const profile = loadBuiltinProfiles().get('baseline')!;
  const t1 = performance.now();
  // BARE_PODS=1: pods without owners, so every PodSpec rule also runs on every pod (worst case).
  const barePods = process.env.BARE_PODS === '1';
  const objects = generateCluster(pods, deployments, namespaces, barePods);
  const t2 = performance.now();
  const inspector = createInspector({ rules: pack.rules, profile });
  const rssBefore = process.memoryUsage().rss;
  let best = Infinity;
  let last;
  for (let i = 0; i < 3; i++) {
    const start = performance.now();
    last = inspector.inspect(objects, { cluster: 'bench' });
    best = Math.min(best, performance.now() - start);
  }
  const score = computeScore(last!.results);
  const s = last!.stats;
  const slowest = Object.entries(s.perRule)
    .sort((a, b) => b[1].durationMs - a[1].durationMs)
    .slice(0, 5)
    .map(([id, r]) => `${id} ${r.durationMs.toFixed(1)}ms/${r.evaluations}`);
  const mb = (n: number) => `${(n / 1024 / 1024).toFixed(0)} MB`;
  console.log(
    `rules loaded+compiled: ${pack.rules.length} in ${(t1 - t0).toFixed(0)} ms`,
  );
  console.log(
    `objects generated:     ${
      objects.length
    } (${pods} pods, ${deployments} deployments, ${namespaces} namespaces${
      barePods ? ', bare pods' : ''
    }) in ${(t2 - t1).toFixed(0)} ms`,
  );
  console.log(
    `inspect (best of 3):   ${best.toFixed(0)} ms (index ${s.indexMs.toFixed(
      0,
    )} ms)`,
  );
  console.log(
    `evaluations:           ${s.evaluations} → ${Math.round(
      s.evaluations / (best / 1000),
    ).toLocaleString('en')} evaluations/s`,
  );
  console.log(
    `results:               ${last!.results.length} (passed ${
      s.passed
    }, failed ${s.failed}, errors ${s.errors}, skipped ${
      s.skipped
    }, excluded objects ${s.excludedObjects})`,
  );
  console.log(
    `score:                 ${score.score} (pass rate ${(
      score.passRate * 100
    ).toFixed(1)}%)`,
  );
  console.log(`slowest rules:         ${slowest.join('; ')}`);
  console.log(
    `RSS before/peak:       ${mb(rssBefore)} / ${mb(
      process.resourceUsage().maxRSS * 1024,
    )}`,
  );
}

if (require.main === module) {
  main();
}

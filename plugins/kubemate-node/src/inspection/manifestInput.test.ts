import { loadBaselineRulePack } from './builtin';
import { withoutNulls } from './ClusterIndex';
import { createInspector } from './inspector';
import { CheckResult, KubeObject } from './types';
import {
  newTestContainer,
  newTestDeployment,
  newTestPod,
  newTestService,
} from './__testUtils__/fixtures';
import { manifestShapedVariants } from './__testUtils__/manifests';

const NOW = new Date('2026-06-01T00:00:00Z');
const pack = loadBaselineRulePack();
const inspector = createInspector({ rules: pack.rules });

function errors(objects: KubeObject[]): CheckResult[] {
  return inspector
    .inspect(objects, { cluster: 'test', now: NOW })
    .results.filter(r => r.status === 'error');
}

describe('baseline rules on manifest-shaped input', () => {
  const variants = manifestShapedVariants();

  it('builds a meaningful set of variants', () => {
    expect(variants.length).toBeGreaterThan(200);
  });

  it('never reports an evaluation error', () => {
    const problems: string[] = [];
    for (const v of variants) {
      for (const e of errors(v.objects)) {
        problems.push(`${v.label}: ${e.ruleId}: ${e.error}`);
      }
    }
    expect([...new Set(problems)]).toEqual([]);
  });
});

describe('withoutNulls', () => {
  it('drops null fields and list entries, copying only what changes', () => {
    const untouched = { a: { b: [1, { c: 'x' }] }, d: new Date(0) };
    expect(withoutNulls(untouched)).toBe(untouched);
    const input = {
      keep: { same: true },
      spec: { securityContext: null, list: [null, { x: null, y: 1 }] },
    };
    const out = withoutNulls(input);
    expect(out).toEqual({ keep: { same: true }, spec: { list: [{ y: 1 }] } });
    expect(out.keep).toBe(input.keep);
    expect(input.spec.securityContext).toBeNull();
  });
});

describe('verdicts on manifest-shaped input', () => {
  const run = (ruleId: string, objects: KubeObject[]) =>
    createInspector({
      rules: pack.rules.filter(r => r.definition.id === ruleId),
    }).inspect(objects, { cluster: 'test', now: NOW }).results;
  const withContainer = (fields: Record<string, unknown>) => {
    const d = newTestDeployment({});
    (d.spec as any).template.spec.containers[0] = {
      ...newTestContainer(),
      ...fields,
    };
    return d;
  };
  const statuses = (ruleId: string, objects: KubeObject[]) =>
    run(ruleId, objects).map(r => r.status);

  it('treats an explicit null as unset', () => {
    expect(
      statuses('container-liveness-probe-missing', [
        withContainer({ livenessProbe: null }),
      ]),
    ).toEqual(['failed']);
    expect(
      statuses('container-memory-limits-missing', [
        withContainer({ resources: null }),
      ]),
    ).toEqual(['failed']);
    expect(
      statuses('container-privilege-escalation', [
        withContainer({ securityContext: null }),
      ]),
    ).toEqual(['failed']);
    expect(
      statuses('container-host-port', [withContainer({ ports: null })]),
    ).toEqual(['passed']);
  });

  it('evaluates objects without metadata.namespace', () => {
    const svc = newTestService();
    delete svc.metadata!.namespace;
    const pod = newTestPod({ labels: { app: 'shop' } });
    delete pod.metadata!.namespace;
    expect(statuses('service-selector-no-pods', [svc, pod])).toEqual([
      'passed',
    ]);
    expect(statuses('service-selector-no-pods', [svc])).toEqual(['failed']);
  });
});

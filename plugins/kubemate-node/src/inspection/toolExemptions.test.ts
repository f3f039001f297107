import { loadBaselineRulePack } from './builtin';
import { EXEMPT_ANNOTATION } from './ClusterIndex';
import { createInspector } from './inspector';
import { parseRuleFile } from './loader';
import { ToolExemptions } from './toolExemptions';
import { CheckResult, KubeObject } from './types';
import {
  newTestContainer,
  newTestCronJob,
  newTestDeployment,
  newTestService,
} from './__testUtils__/fixtures';

const NOW = new Date('2026-06-01T00:00:00Z');
const pack = loadBaselineRulePack();
const inspector = createInspector({ rules: pack.rules });

function statusOf(objects: KubeObject[]) {
  const results = inspector.inspect(objects, {
    cluster: 't',
    now: NOW,
  }).results;
  return (ruleId: string): CheckResult['status'][] =>
    results.filter(r => r.ruleId === ruleId).map(r => r.status);
}

// A Deployment that fails host network, resources, probes and several other rules.
const risky = (o: Parameters<typeof newTestDeployment>[0] = {}) =>
  newTestDeployment({
    ...o,
    podSpec: { hostNetwork: true, ...o.podSpec },
    containers: [newTestContainer({ resources: null, livenessProbe: null })],
  });

describe('Polaris and kube-score exemption annotations', () => {
  it('exempts from the rules covering a Polaris check set to "true"', () => {
    const status = statusOf([
      risky({
        annotations: {
          'polaris.fairwinds.com/hostNetworkSet-exempt': 'true',
          'polaris.fairwinds.com/cpuLimitsMissing-exempt': 'false',
        },
      }),
    ]);
    expect(status('pod-host-network')).toEqual(['skipped']);
    expect(status('container-cpu-limits-missing')).toEqual(['failed']);
    expect(status('pod-host-pid')).toEqual(['passed']);
  });

  it('polaris.fairwinds.com/exempt exempts from every rule mapped to a Polaris check, and only those', () => {
    const status = statusOf([
      risky({ annotations: { 'polaris.fairwinds.com/exempt': 'true' } }),
    ]);
    expect(status('pod-host-network')).toEqual(['skipped']);
    expect(status('container-liveness-probe-missing')).toEqual(['skipped']);
    expect(status('container-memory-limits-missing')).toEqual(['skipped']);
    // Only kube-score has an equivalent of this rule.
    expect(status('container-ephemeral-storage-missing')).toEqual(['failed']);
  });

  it('kube-score/ignore lists checks, with the implied ephemeral-storage check', () => {
    const status = statusOf([
      risky({
        annotations: { 'kube-score/ignore': 'container-resources, pod-probes' },
      }),
    ]);
    for (const id of [
      'container-cpu-limits-missing',
      'container-memory-requests-missing',
      'container-ephemeral-storage-missing',
      'container-readiness-probe-missing',
    ]) {
      expect(status(id)).toEqual(['skipped']);
    }
    expect(status('pod-host-network')).toEqual(['failed']);
    // kube-score never judges a missing liveness probe, so pod-probes does not exempt from it.
    expect(status('container-liveness-probe-missing')).toEqual(['failed']);
  });

  it('reads the pod template annotations too, for workloads and CronJobs', () => {
    const status = statusOf([
      risky({ podAnnotations: { 'kube-score/ignore': 'container-resources' } }),
    ]);
    expect(status('container-cpu-limits-missing')).toEqual(['skipped']);
    const cron = newTestCronJob({
      containers: [newTestContainer({ resources: null })],
    });
    const template = (cron.spec as any).jobTemplate.spec.template;
    template.metadata.annotations = {
      'polaris.fairwinds.com/memoryLimitsMissing-exempt': 'TRUE',
    };
    const cronStatus = statusOf([cron]);
    expect(cronStatus('container-memory-limits-missing')).toEqual(['skipped']);
    expect(cronStatus('container-cpu-limits-missing')).toEqual(['failed']);
  });

  it('applies to other kinds, e.g. a NodePort Service', () => {
    const svc = newTestService({ type: 'NodePort' });
    expect(statusOf([svc])('service-node-port')).toEqual(['failed']);
    svc.metadata!.annotations = { 'kube-score/ignore': 'service-type' };
    expect(statusOf([svc])('service-node-port')).toEqual(['skipped']);
  });

  it('keeps the Kubemate annotation and does not touch objects without tool annotations', () => {
    const exemptions = new ToolExemptions(pack.rules);
    const plain = newTestDeployment();
    expect(exemptions.apply(plain)).toBe(plain);
    const annotated = newTestDeployment({
      annotations: {
        [EXEMPT_ANNOTATION]: 'pod-priority-class-missing',
        'polaris.fairwinds.com/hostNetworkSet-exempt': 'true',
      },
    });
    const applied = exemptions.apply(annotated);
    expect(applied.metadata?.annotations?.[EXEMPT_ANNOTATION]).toBe(
      'pod-priority-class-missing,pod-host-network',
    );
    // The input is not modified.
    expect(annotated.metadata?.annotations?.[EXEMPT_ANNOTATION]).toBe(
      'pod-priority-class-missing',
    );
    expect(
      exemptions.ruleIds({ 'kube-score/ignore': 'no-such-check' }),
    ).toEqual([]);
  });

  it('rejects equivalents of an unknown tool', () => {
    const rule = (equivalents: string) =>
      parseRuleFile(
        `id: r\nversion: 1\ntitle: t\ncategory: security\nseverity: low\ntarget: {kinds: [Pod]}\ncondition: 'false'\ndescription: d\nremediation: r\nequivalents: ${equivalents}\n`,
        'r.yaml',
      );
    expect(
      rule('{polaris: [a], kube-score: [b]}')[0].definition.equivalents,
    ).toEqual({ polaris: ['a'], kubeScore: ['b'] });
    expect(() => rule('{kubelinter: [a]}')).toThrow(/unknown tool/);
    expect(() => rule('{polaris: a}')).toThrow(/list of check ids/);
  });
});

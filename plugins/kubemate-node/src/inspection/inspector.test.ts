import { RuleEnvironment } from './environment';
import { computeFingerprint } from './fingerprint';
import { createInspector } from './inspector';
import { InspectionRule, parseRuleFile } from './loader';
import { defaultProfile, InspectionProfile } from './profiles';
import { KubeObject } from './types';
import {
  newTestContainer,
  newTestDeployment,
  newTestEvent,
  newTestNamespace,
  newTestPod,
  newTestService,
} from './__testUtils__/fixtures';

const NOW = new Date('2026-06-01T00:00:00Z');

function rule(
  id: string,
  body: string,
  environment?: RuleEnvironment,
): InspectionRule {
  return parseRuleFile(
    `id: ${id}
version: 2
title: ${id} title
category: security
severity: medium
description: d
remediation: fix it
${body}`,
    `${id}.yaml`,
    { environment, pack: 'test' },
  )[0];
}

const privileged = rule(
  'privileged',
  `target: {kinds: [PodSpec], perContainer: true}
condition: container.?securityContext.?privileged.orValue(false) == true
observed: '"privileged"'
message: '{{ .container }} in {{ .namespace }}/{{ .name }} is privileged'
fix: kubectl -n {{ .namespace }} patch {{ .resource }} {{ .name }} -c {{ .container }} --level={{ .params.level }}
params: {level: strict}`,
);
const replicas = rule(
  'replicas',
  `category: reliability
target: {kinds: [Deployment]}
params: {min: 2}
condition: object.spec.replicas < params.min`.replace(
    'category: reliability\n',
    '',
  ),
);

function profile(p: Partial<InspectionProfile>): InspectionProfile {
  return { ...defaultProfile('test'), ...p };
}

const twoContainers = (
  name: string,
  namespace = 'prod',
  extra: Parameters<typeof newTestDeployment>[0] = {},
) =>
  newTestDeployment({
    name,
    namespace,
    replicas: 1,
    containers: [
      newTestContainer({ name: 'app', securityContext: { privileged: true } }),
      newTestContainer({ name: 'sidecar' }),
    ],
    ...extra,
  });

function run(
  rules: InspectionRule[],
  objects: KubeObject[],
  p?: InspectionProfile,
) {
  return createInspector({ rules, profile: p }).inspect(objects, {
    cluster: 'c1',
    now: NOW,
  });
}

describe('createInspector', () => {
  it('yields one result per container with resource refs, messages and fixes', () => {
    const { results, stats } = run([privileged], [twoContainers('shop')]);
    expect(results.map(r => [r.resource.container, r.status])).toEqual([
      ['app', 'failed'],
      ['sidecar', 'passed'],
    ]);
    expect(results[0]).toMatchObject({
      ruleId: 'privileged',
      ruleVersion: '2',
      severity: 'medium',
      category: 'security',
      resource: {
        kind: 'Deployment',
        apiVersion: 'apps/v1',
        namespace: 'prod',
        name: 'shop',
        container: 'app',
      },
      message: 'app in prod/shop is privileged',
      observed: 'privileged',
      remediation: 'fix it',
      fix: 'kubectl -n prod patch deployment shop -c app --level=strict',
      fingerprint: computeFingerprint({
        cluster: 'c1',
        ruleId: 'privileged',
        kind: 'Deployment',
        namespace: 'prod',
        name: 'shop',
        container: 'app',
      }),
    });
    expect(stats).toMatchObject({
      objects: 1,
      rules: 1,
      evaluations: 2,
      passed: 1,
      failed: 1,
      errors: 0,
      skipped: 0,
    });
    expect(stats.perRule.privileged).toMatchObject({
      evaluations: 2,
      failed: 1,
    });
  });

  it('renders messages and fixes as plain text properties, on every read', () => {
    const { results } = run([privileged], [twoContainers('shop')]);
    const finding = results[0];
    const texts = {
      message: 'app in prod/shop is privileged',
      fix: 'kubectl -n prod patch deployment shop -c app --level=strict',
    };
    expect(Object.keys(finding)).toEqual(
      expect.arrayContaining(['message', 'fix']),
    );
    expect(JSON.parse(JSON.stringify(finding))).toMatchObject(texts);
    const copy = { ...finding };
    expect(Object.getOwnPropertyDescriptor(copy, 'fix')?.value).toBe(texts.fix);
    expect(finding.fix).toBe(finding.fix);
    // Another finding of the same rule renders its own resource.
    const other = run([privileged], [twoContainers('cart')]).results[0];
    expect(other.message).toBe('app in prod/cart is privileged');
    expect(finding.message).toBe(texts.message);
    // A value assigned replaces the rendering.
    finding.message = 'scrubbed';
    finding.fix = undefined;
    expect(finding).toMatchObject({ message: 'scrubbed', fix: undefined });
    expect(JSON.parse(JSON.stringify(finding)).message).toBe('scrubbed');
  });

  it('applies profile severity overrides (rule over category) and params', () => {
    const p = profile({
      severity: {
        categories: { security: 'low' },
        rules: { privileged: 'high' },
      },
      params: { replicas: { min: 3 } },
    });
    const { results } = run(
      [privileged, replicas],
      [newTestDeployment({ replicas: 2 })],
      p,
    );
    const failed = results.filter(r => r.status === 'failed');
    expect(failed.map(r => [r.ruleId, r.severity])).toEqual([
      ['replicas', 'low'],
    ]);
    const inspector = createInspector({ rules: [privileged], profile: p });
    expect(inspector.rules[0].severity).toBe('high');
    expect(() =>
      createInspector({
        rules: [replicas],
        profile: profile({ params: { replicas: { mni: 3 } } }),
      }),
    ).toThrow(/unknown parameter "mni" for rule replicas/);
    expect(() =>
      createInspector({
        rules: [replicas],
        profile: profile({ params: { replicas: { min: '3' } } }),
      }),
    ).toThrow(
      /parameter "min" of rule replicas to a string, expected a number/,
    );
  });

  it('selects rules by include / exclude', () => {
    const ids = (p: Partial<InspectionProfile>) =>
      createInspector({
        rules: [privileged, replicas],
        profile: profile(p),
      }).rules.map(r => r.rule.definition.id);
    expect(ids({ rules: { include: { ids: ['replicas'] } } })).toEqual([
      'replicas',
    ]);
    expect(
      ids({
        rules: {
          include: { packs: ['test'] },
          exclude: { ids: ['privileged'] },
        },
      }),
    ).toEqual(['replicas']);
    expect(ids({ rules: { exclude: { categories: ['security'] } } })).toEqual(
      [],
    );
  });

  it('skips excluded namespaces entirely and reports exempt resources as skipped', () => {
    const objects = [
      twoContainers('a', 'kube-system'),
      twoContainers('b', 'sandbox-1'),
      twoContainers('agent', 'prod'),
      twoContainers('shop', 'prod'),
    ];
    const p = profile({
      excludeNamespaces: ['kube-system'],
      exemptions: [
        { rules: ['*'], namespaces: ['sandbox-*'], reason: 'sandbox' },
        { rules: ['privileged'], kinds: ['Deployment'], names: ['agent'] },
        {
          rules: ['privileged'],
          names: ['shop'],
          expires: '2026-01-01T00:00:00Z',
        },
      ],
    });
    const { results, stats } = run([privileged], objects, p);
    expect(stats.excludedObjects).toBe(1);
    expect(
      results.map(r => [
        r.resource.name,
        r.resource.container,
        r.status,
        r.skipReason,
      ]),
    ).toEqual([
      ['b', 'app', 'skipped', 'profile exemption: sandbox'],
      ['b', 'sidecar', 'skipped', 'profile exemption: sandbox'],
      ['agent', 'app', 'skipped', 'profile exemption'],
      ['agent', 'sidecar', 'skipped', 'profile exemption'],
      ['shop', 'app', 'failed', undefined],
      ['shop', 'sidecar', 'passed', undefined],
    ]);
  });

  it('honours the kubemate.io/inspection-exempt annotation on objects, pod templates and namespaces', () => {
    const exempt = { 'kubemate.io/inspection-exempt': 'other, privileged' };
    const objects = [
      twoContainers('annotated', 'prod', { annotations: exempt }),
      twoContainers('template', 'prod', {
        podAnnotations: { 'kubemate.io/inspection-exempt': '*' },
      }),
      twoContainers('in-ns', 'legacy'),
      newTestNamespace('legacy', {
        'kubemate.io/inspection-exempt': 'privileged',
      }),
      twoContainers('checked', 'prod', {
        annotations: { 'kubemate.io/inspection-exempt': 'replicas' },
      }),
    ];
    const { results } = run([privileged], objects);
    const byName = (n: string) =>
      results.filter(r => r.resource.name === n).map(r => r.status);
    expect(byName('annotated')).toEqual(['skipped', 'skipped']);
    expect(byName('template')).toEqual(['skipped', 'skipped']);
    expect(byName('in-ns')).toEqual(['skipped', 'skipped']);
    expect(byName('checked')).toEqual(['failed', 'passed']);
    expect(results.find(r => r.resource.name === 'in-ns')?.skipReason).toMatch(
      /namespace annotation/,
    );
  });

  it('isolates a rule that throws: error result, the run goes on', () => {
    const env = new RuleEnvironment({
      functions: [
        {
          signature: 'explode(map): bool',
          handler: (_ctx, obj: KubeObject) => {
            if (obj.metadata?.name === 'bad') throw new Error('boom');
            return false;
          },
        },
      ],
    });
    const throwing = rule(
      'throwing',
      `target: {kinds: [Deployment]}\ncondition: explode(object)`,
      env,
    );
    const missingKey = rule(
      'missing-key',
      `target: {kinds: [Deployment]}\ncondition: object.spec.nope == 1`,
    );
    const { results, stats } = run(
      [throwing, missingKey, replicas],
      [
        newTestDeployment({ name: 'bad', replicas: 1 }),
        newTestDeployment({ name: 'good', replicas: 1 }),
      ],
    );
    expect(
      results.map(r => [r.ruleId, r.resource.name, r.status, r.error]),
    ).toEqual([
      ['throwing', 'bad', 'error', 'boom'],
      ['throwing', 'good', 'passed', undefined],
      ['missing-key', 'bad', 'error', 'No such key: nope'],
      ['missing-key', 'good', 'error', 'No such key: nope'],
      ['replicas', 'bad', 'failed', undefined],
      ['replicas', 'good', 'failed', undefined],
    ]);
    expect(stats.errors).toBe(3);
  });

  it('gives relational functions an index of the cluster', () => {
    const selects = rule(
      'selects',
      `target: {kinds: [Service]}
condition: podCount(object.metadata.namespace, object.spec.selector) == 0
observed: string(podCount(object.metadata.namespace, object.spec.selector))`,
    );
    const objects = [
      newTestService({ name: 'a', selector: { app: 'shop', tier: 'web' } }),
      newTestService({ name: 'b', selector: { app: 'shop' } }),
      newTestService({
        name: 'c',
        namespace: 'other',
        selector: { app: 'shop' },
      }),
      newTestPod({ name: 'p1', labels: { app: 'shop', tier: 'api' } }),
      newTestPod({ name: 'p2', labels: { app: 'shop', tier: 'api' } }),
    ];
    const { results } = run([selects], objects);
    expect(results.map(r => [r.resource.name, r.status])).toEqual([
      ['a', 'failed'],
      ['b', 'passed'],
      ['c', 'failed'],
    ]);
    expect(results[0].observed).toBe('0');
  });

  it('merges repeated findings with one fingerprint (events per object and reason)', () => {
    const events = rule(
      'events',
      `target: {kinds: [Event], subject: involvedObject}
condition: object.type == "Warning"
discriminator: object.reason`,
    );
    const { results } = run(
      [events],
      [
        newTestEvent({ name: 'e1' }),
        newTestEvent({ name: 'e2' }),
        newTestEvent({ name: 'e3', reason: 'FailedMount' }),
      ],
    );
    expect(
      results.map(r => [
        r.resource.kind,
        r.resource.name,
        r.detail,
        r.occurrences,
      ]),
    ).toEqual([
      ['Pod', 'shop-7d9c-abcde', 'BackOff', 2],
      ['Pod', 'shop-7d9c-abcde', 'FailedMount', undefined],
    ]);
  });

  it('keeps fingerprints stable when rule text changes', () => {
    const objects = [twoContainers('shop')];
    const before = run([privileged], objects).results[0];
    const edited = rule(
      'privileged',
      `target: {kinds: [PodSpec], perContainer: true}
condition: container.?securityContext.?privileged.orValue(false)
message: 'Completely new wording for {{ .container }}'`,
    );
    const after = run([edited], objects).results[0];
    expect(after.message).not.toBe(before.message);
    expect(after.fingerprint).toBe(before.fingerprint);
    expect(run([privileged], objects).results[0].fingerprint).toBe(
      before.fingerprint,
    );
    const other = createInspector({ rules: [privileged] }).inspect(objects, {
      cluster: 'c2',
    }).results[0];
    expect(other.fingerprint).not.toBe(before.fingerprint);
  });

  it('can leave passed results out while still counting them', () => {
    const out = createInspector({
      rules: [privileged],
      includePassed: false,
    }).inspect([twoContainers('shop')], { cluster: 'c' });
    expect(out.results.map(r => r.status)).toEqual(['failed']);
    expect(out.stats.passed).toBe(1);
  });

  it('counts passed checks per resource and severity instead of results', () => {
    const inspector = createInspector({ rules: [privileged] });
    const objects = [twoContainers('shop'), twoContainers('shop2')];
    const whole = inspector.inspect(objects, { cluster: 'c' });
    const counted = inspector.inspect(objects, {
      cluster: 'c',
      passed: 'counts',
    });
    expect(whole.passedChecks).toBeUndefined();
    expect(counted.results).toEqual(
      whole.results.filter(r => r.status !== 'passed'),
    );
    expect(counted.stats.passed).toBe(whole.stats.passed);
    const passed = whole.results.filter(r => r.status === 'passed');
    expect(passed.length).toBe(2);
    expect(
      counted.passedChecks!.map(c => ({
        resource: c.resource,
        counts: [c.high, c.medium, c.low],
      })),
    ).toEqual(
      passed.map(r => ({
        resource: r.resource,
        counts: [
          r.severity === 'high' ? 1 : 0,
          r.severity === 'medium' ? 1 : 0,
          r.severity === 'low' ? 1 : 0,
        ],
      })),
    );
  });
});

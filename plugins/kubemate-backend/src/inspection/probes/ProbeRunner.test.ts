import {
  defaultProfile,
  type KubemateProbe,
  type KubemateProbeRule,
} from '@kubemate/plugin-kubemate-node';
import { KubeConfig } from '@kubernetes/client-node';
import type { ClusterClients } from '../../clusters/ClusterClients';
import { ProbeRunner } from './runProbes';

const rule = (id: string, over: Partial<KubemateProbeRule> = {}) => ({
  id,
  version: '1',
  title: `Rule ${id}`,
  category: 'reliability' as const,
  severity: 'low' as const,
  description: 'd',
  remediation: 'r',
  kinds: ['Cluster'],
  params: {},
  ...over,
});

const cluster = {
  name: 'c1',
  url: 'https://c1.example.com',
  clients: { kubeConfig: new KubeConfig() } as ClusterClients,
};

describe('ProbeRunner', () => {
  it('turns outcomes into results with rule text, profile severity and fingerprint', async () => {
    const seen: unknown[] = [];
    const probe: KubemateProbe = {
      id: 'p',
      rules: [rule('p-1'), rule('p-2', { category: 'security' })],
      run: async ctx => {
        seen.push(ctx.params('p-1'), ctx.isSelected('p-2'));
        return [
          {
            ruleId: 'p-1',
            resource: { kind: 'Cluster', name: ctx.cluster.name },
            status: 'failed',
            message: 'bad',
          },
          // Not selected by the profile, and not this probe's rule: both dropped.
          {
            ruleId: 'p-2',
            resource: { kind: 'Cluster', name: 'x' },
            status: 'failed',
          },
          {
            ruleId: 'other',
            resource: { kind: 'Cluster', name: 'x' },
            status: 'failed',
          },
        ];
      },
    };
    const profile = {
      ...defaultProfile(),
      rules: { exclude: { categories: ['security' as const] } },
      severity: { categories: {}, rules: { 'p-1': 'high' as const } },
      params: { 'p-1': { limit: 3 } },
    };
    const { results, ruleIds } = await new ProbeRunner([probe]).run({
      cluster,
      profile,
    });
    expect(seen).toEqual([{ limit: 3 }, false]);
    expect(ruleIds).toEqual(['p-1']);
    expect(results).toEqual([
      expect.objectContaining({
        ruleId: 'p-1',
        title: 'Rule p-1',
        severity: 'high',
        status: 'failed',
        message: 'bad',
        fingerprint: expect.stringMatching(/^[0-9a-f]{64}$/),
      }),
    ]);
  });

  it('reports a probe that throws as execution failures of its selected rules', async () => {
    const broken: KubemateProbe = {
      id: 'broken',
      rules: [rule('b-1')],
      run: async () => {
        throw new Error('no route to host');
      },
    };
    const { results } = await new ProbeRunner([broken]).run({
      cluster,
      profile: defaultProfile(),
    });
    expect(results).toEqual([
      expect.objectContaining({
        ruleId: 'b-1',
        status: 'error',
        error: "probe 'broken' failed: no route to host",
      }),
    ]);
  });

  it('refuses a probe id or rule id registered twice', () => {
    const p = { id: 'p', rules: [rule('r')], run: async () => [] };
    expect(() => new ProbeRunner([p, { ...p, rules: [] }])).toThrow(
      "Probe 'p' is registered twice",
    );
    expect(() => new ProbeRunner([p, { ...p, id: 'q' }])).toThrow(
      "Probe rule id 'r' (probe 'q') is already taken",
    );
  });
});

import {
  computeFingerprint,
  type CheckResult,
  type InspectionProfile,
  type KubemateProbe,
  type KubemateProbeOutcome,
  type KubemateProbeRule,
  type Severity,
} from '@kubemate/plugin-kubemate-node';
import type { ClusterClients } from '../../clusters/ClusterClients';
import { builtinProbes } from './builtinProbes';
import { PROBE_PACK } from './catalog';
import type { ProbeConfig } from './config';

export interface ProbeRunResult {
  results: CheckResult[];
  /** Probe rule ids that ran: they count as evaluated for the lifecycle (fixed findings). */
  ruleIds: string[];
}

export interface ProbeRunRequest {
  cluster: { name: string; url: string; clients: ClusterClients };
  profile: InspectionProfile;
  signal?: AbortSignal;
  now?: Date;
}

/** The profile selects probes like rules: by id, category or pack. */
function selected(
  profile: InspectionProfile,
  rule: KubemateProbeRule,
): boolean {
  const matches = (s?: InspectionProfile['rules']['include']) =>
    !!s &&
    (!!s.ids?.includes(rule.id) ||
      !!s.categories?.includes(rule.category) ||
      !!s.packs?.includes(rule.pack ?? PROBE_PACK));
  const { include, exclude } = profile.rules;
  return (!include || matches(include)) && !matches(exclude);
}

/**
 * Runs the black-box probes (built-in and added by modules) in an inspection run and reports
 * each outcome like a rule result: passed, failed (a finding) or error ("execution failed").
 * One probe failing to run is an execution failure of its rules, never of the run.
 */
export class ProbeRunner {
  private readonly rulesById = new Map<string, KubemateProbeRule>();

  constructor(private readonly probes: KubemateProbe[]) {
    const ids = new Set<string>();
    for (const probe of probes) {
      if (ids.has(probe.id)) {
        throw new Error(`Probe '${probe.id}' is registered twice`);
      }
      ids.add(probe.id);
      for (const rule of probe.rules) {
        if (this.rulesById.has(rule.id)) {
          throw new Error(
            `Probe rule id '${rule.id}' (probe '${probe.id}') is already taken`,
          );
        }
        this.rulesById.set(rule.id, { ...rule, pack: rule.pack ?? PROBE_PACK });
      }
    }
  }

  /** The probes' catalogue entries. */
  get rules(): KubemateProbeRule[] {
    return [...this.rulesById.values()];
  }

  async run(request: ProbeRunRequest): Promise<ProbeRunResult> {
    const { cluster, profile } = request;
    const now = request.now ?? new Date();
    const ruleIds = new Set<string>();
    const results: CheckResult[] = [];
    const settled = await Promise.all(
      this.probes.map(probe =>
        probe
          .run({
            cluster: {
              name: cluster.name,
              url: cluster.url,
              kubeConfig: cluster.clients.kubeConfig,
            },
            now,
            signal: request.signal,
            isSelected: id => {
              const rule = this.rulesById.get(id);
              return !!rule && selected(profile, rule);
            },
            params: id => profile.params[id] ?? {},
          })
          .catch((e: Error): KubemateProbeOutcome[] =>
            probe.rules
              .filter(rule => selected(profile, rule))
              .map(rule => ({
                ruleId: rule.id,
                resource: { kind: 'Cluster', name: cluster.name },
                status: 'error',
                error: `probe '${probe.id}' failed: ${e?.message ?? e}`,
              })),
          ),
      ),
    );
    for (const outcomes of settled) {
      for (const outcome of outcomes) {
        const rule = this.rulesById.get(outcome.ruleId);
        // A probe reports only on its own, selected rules.
        if (!rule || !selected(profile, rule)) continue;
        ruleIds.add(rule.id);
        results.push(this.result(cluster.name, profile, rule, outcome));
      }
    }
    return { results, ruleIds: [...ruleIds] };
  }

  private result(
    cluster: string,
    profile: InspectionProfile,
    rule: KubemateProbeRule,
    outcome: KubemateProbeOutcome,
  ): CheckResult {
    const severity: Severity =
      profile.severity.rules[rule.id] ??
      profile.severity.categories[rule.category] ??
      rule.severity;
    const { resource } = outcome;
    return {
      ...outcome,
      ruleVersion: rule.version,
      title: rule.title,
      category: rule.category,
      severity,
      fingerprint: computeFingerprint({
        cluster,
        ruleId: rule.id,
        kind: resource.kind,
        namespace: resource.namespace,
        name: resource.name,
      }),
      remediation: rule.remediation,
    };
  }
}

/** Runs the built-in probes of one cluster's config (tests and the inspector CLI). */
export function runProbes(
  input: ProbeRunRequest & { config: ProbeConfig; pollMs?: number },
): Promise<ProbeRunResult> {
  const probes = builtinProbes(new Map([[input.cluster.name, input.config]]), {
    clientsOf: () => input.cluster.clients,
    pollMs: input.pollMs,
  });
  return new ProbeRunner(probes).run(input);
}

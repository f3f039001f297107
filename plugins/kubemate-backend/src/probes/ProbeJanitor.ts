import type { LoggerService } from '@backstage/backend-plugin-api';
import { describeKubeError } from '@kubemate/plugin-kubemate-node';
import type { ClusterService } from '../clusters/ClusterService';
import type { LoadedProbe } from './definitions';
import {
  PROBE_EXPIRES_ANNOTATION,
  PROBE_ID_LABEL,
  statusCode,
} from './kinds/steps';

type Meta = {
  metadata?: { name?: string; annotations?: Record<string, string> };
};

/** An object a probe left behind whose deadline passed. */
const expired = (o: Meta, now: Date) => {
  const at = o.metadata?.annotations?.[PROBE_EXPIRES_ANNOTATION];
  return !!at && new Date(at).getTime() < now.getTime();
};

/**
 * Removes what probe runs left behind: Deployments, StatefulSets and ConfigMaps labelled
 * `kubemate.io/probe` whose `kubemate.io/probe-expires-at` passed, in the namespaces probes act
 * in. A run deletes its objects itself; these are the leftovers of a backend that died
 * mid-run (or a delete that failed). Runs on one replica (a global scheduled task).
 */
export class ProbeJanitor {
  constructor(
    private readonly deps: { clusters: ClusterService; logger: LoggerService },
  ) {}

  /** The names it deleted, `cluster/namespace/Kind/name`. */
  async sweep(probes: LoadedProbe[], now = new Date()): Promise<string[]> {
    const places = new Map<string, { cluster: string; namespace: string }>();
    for (const p of probes) {
      const { cluster, namespace } = p.definition;
      if (namespace)
        places.set(`${cluster}/${namespace}`, { cluster, namespace });
    }
    const deleted: string[] = [];
    for (const { cluster, namespace } of places.values()) {
      try {
        deleted.push(
          ...(await this.sweepNamespace(cluster, namespace, now)).map(
            n => `${cluster}/${namespace}/${n}`,
          ),
        );
      } catch (e) {
        this.deps.logger.warn(
          `Probe clean-up of ${cluster}/${namespace} failed: ${describeKubeError(
            e,
          )}`,
        );
      }
    }
    if (deleted.length) {
      this.deps.logger.info(`Removed probe leftovers: ${deleted.join(', ')}`);
    }
    return deleted;
  }

  private async sweepNamespace(cluster: string, namespace: string, now: Date) {
    const { apps, core } = this.deps.clusters.clients(cluster);
    const labelSelector = PROBE_ID_LABEL;
    const gone = async (
      kind: string,
      name: string,
      del: () => Promise<unknown>,
    ) => {
      try {
        await del();
      } catch (e) {
        if (statusCode(e) !== 404) throw e;
      }
      return `${kind}/${name}`;
    };
    const out: string[] = [];
    for (const d of (
      await apps.listNamespacedDeployment({ namespace, labelSelector })
    ).items) {
      if (!expired(d, now)) continue;
      const name = d.metadata!.name!;
      out.push(
        await gone('Deployment', name, () =>
          apps.deleteNamespacedDeployment({
            name,
            namespace,
            propagationPolicy: 'Background',
          }),
        ),
      );
    }
    for (const s of (
      await apps.listNamespacedStatefulSet({ namespace, labelSelector })
    ).items) {
      if (!expired(s, now)) continue;
      const name = s.metadata!.name!;
      out.push(
        await gone('StatefulSet', name, () =>
          apps.deleteNamespacedStatefulSet({
            name,
            namespace,
            propagationPolicy: 'Background',
          }),
        ),
      );
    }
    for (const c of (
      await core.listNamespacedConfigMap({ namespace, labelSelector })
    ).items) {
      if (!expired(c, now)) continue;
      const name = c.metadata!.name!;
      out.push(
        await gone('ConfigMap', name, () =>
          core.deleteNamespacedConfigMap({ name, namespace }),
        ),
      );
    }
    return out;
  }
}

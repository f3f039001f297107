import { EXEMPT_ANNOTATION, parseExemptList } from './ClusterIndex';
import { InspectionRule } from './loader';
import { KubeObject } from './types';

type Dict = Record<string, any>;

/** Polaris: `polaris.fairwinds.com/<check>-exempt: "true"`, or `.../exempt` for every check. */
export const POLARIS_PREFIX = 'polaris.fairwinds.com/';
/** kube-score: `kube-score/ignore: <check>,<check>`. */
export const KUBE_SCORE_IGNORE = 'kube-score/ignore';

// kube-score ignores the ephemeral-storage check along with container-resources.
const KUBE_SCORE_IMPLIED: Record<string, string[]> = {
  'container-resources': ['container-ephemeral-storage-request-and-limit'],
};

/**
 * Which Kubemate rules the Polaris and kube-score exemption annotations of
 * an object (or its pod template) exempt it from, through the rules'
 * `equivalents`. Teams moving from those tools keep their exemptions.
 */
export class ToolExemptions {
  private readonly byPolaris = new Map<string, string[]>();
  private readonly byKubeScore = new Map<string, string[]>();
  private readonly polarisRules: string[] = [];

  constructor(rules: readonly InspectionRule[]) {
    const add = (map: Map<string, string[]>, check: string, id: string) => {
      const ids = map.get(check) ?? [];
      if (!ids.includes(id)) ids.push(id);
      map.set(check, ids);
    };
    for (const rule of rules) {
      const { id, equivalents } = rule.definition;
      if (!equivalents) continue;
      for (const check of equivalents.polaris) add(this.byPolaris, check, id);
      for (const check of equivalents.kubeScore) {
        add(this.byKubeScore, check, id);
      }
      if (equivalents.polaris.length) this.polarisRules.push(id);
    }
  }

  /** Rule ids exempted by the annotations (empty when none apply). */
  ruleIds(annotations: Dict | undefined): string[] {
    if (!annotations) return [];
    const out = new Set<string>();
    for (const [key, value] of Object.entries(annotations)) {
      if (key.startsWith(POLARIS_PREFIX)) {
        if (String(value).trim().toLowerCase() !== 'true') continue;
        const name = key.slice(POLARIS_PREFIX.length);
        if (name === 'exempt') this.polarisRules.forEach(id => out.add(id));
        else if (name.endsWith('-exempt')) {
          const check = name.slice(0, -'-exempt'.length);
          this.byPolaris.get(check)?.forEach(id => out.add(id));
        }
      } else if (key === KUBE_SCORE_IGNORE && typeof value === 'string') {
        for (const check of parseExemptList(value)) {
          for (const c of [check, ...(KUBE_SCORE_IMPLIED[check] ?? [])]) {
            this.byKubeScore.get(c)?.forEach(id => out.add(id));
          }
        }
      }
    }
    return [...out];
  }

  /**
   * The object with the rules its tool annotations exempt it from added to
   * `kubemate.io/inspection-exempt` (on the object, and on its pod template
   * for the template's annotations), so the run reports them as skipped.
   * Objects without such annotations are returned as they are.
   */
  apply(obj: KubeObject): KubeObject {
    const own = this.ruleIds(obj?.metadata?.annotations);
    const spec = obj?.spec as Dict | undefined;
    const template = podTemplateMetaHolder(obj);
    const fromTemplate = this.ruleIds(template?.metadata?.annotations);
    if (!own.length && !fromTemplate.length) return obj;
    const copy: KubeObject = { ...obj };
    if (own.length) copy.metadata = withExempt(obj.metadata ?? {}, own);
    if (template && fromTemplate.length) {
      const t = {
        ...template,
        metadata: withExempt(template.metadata, fromTemplate),
      };
      copy.spec =
        obj.kind === 'CronJob'
          ? {
              ...spec,
              jobTemplate: {
                ...spec!.jobTemplate,
                spec: { ...spec!.jobTemplate.spec, template: t },
              },
            }
          : { ...spec, template: t };
    }
    return copy;
  }

  /** Whether any rule has equivalents (nothing to translate otherwise). */
  get active(): boolean {
    return this.byPolaris.size > 0 || this.byKubeScore.size > 0;
  }
}

/** The pod template (metadata holder) of a workload; Pods carry their own metadata. */
function podTemplateMetaHolder(obj: KubeObject): Dict | undefined {
  const spec = obj?.spec as Dict | undefined;
  if (obj?.kind === 'Pod') return undefined;
  if (obj?.kind === 'CronJob') return spec?.jobTemplate?.spec?.template;
  return spec?.template;
}

function withExempt(meta: Dict, ruleIds: string[]): Dict {
  const existing = meta.annotations?.[EXEMPT_ANNOTATION];
  const ids = existing ? [...parseExemptList(existing)] : [];
  for (const id of ruleIds) if (!ids.includes(id)) ids.push(id);
  return {
    ...meta,
    annotations: { ...meta.annotations, [EXEMPT_ANNOTATION]: ids.join(',') },
  };
}

/** Objects with tool exemptions translated (lazily, without copying the rest). */
export function* withToolExemptions(
  objects: Iterable<KubeObject>,
  exemptions: ToolExemptions,
): Iterable<KubeObject> {
  for (const obj of objects) yield exemptions.apply(obj);
}

import type {
  BackstageCredentials,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import {
  observabilityLinks,
  type ObservabilityLink,
  type ObservabilityLinkTemplate,
} from '@kubemate/plugin-kubemate-common';

/** The parts of a finding its links are made from. */
export interface LinkableFinding {
  cluster: string;
  resource: {
    kind: string;
    namespace?: string;
    name: string;
    container?: string;
    host?: string;
  };
  entityRef?: string;
  /** When it was found: its links show the 24 hours before. */
  firstSeenAt?: Date | string;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** The 24 hours before a finding was found, for `${from}`/`${to}`. */
function windowBefore(at: Date | string | undefined) {
  if (at === undefined) return undefined;
  const to = new Date(at).getTime();
  if (Number.isNaN(to)) return undefined;
  return { from: new Date(to - DAY_MS), to: new Date(to) };
}

/**
 * Adds `links` (observability dashboards of the affected resource) to findings: the configured
 * templates, overridden per kind by annotations of the owning entity, which is read from the
 * catalog with the caller's credentials (one batched request per call).
 */
export class FindingLinker {
  constructor(
    private readonly options: {
      templates: ObservabilityLinkTemplate[];
      /** A cluster's own templates, replacing `templates` for its resources. */
      clusterTemplates?: Map<string, ObservabilityLinkTemplate[]>;
      catalog: CatalogService;
      logger?: LoggerService;
    },
  ) {}

  get templates() {
    return this.options.templates;
  }

  async withLinks<T extends LinkableFinding>(
    findings: T[],
    credentials: BackstageCredentials,
  ): Promise<Array<T & { links: ObservabilityLink[] }>> {
    const annotations = await this.entityAnnotations(
      findings.map(f => f.entityRef),
      credentials,
    );
    return findings.map(f => {
      let entity;
      try {
        entity = f.entityRef ? parseEntityRef(f.entityRef) : undefined;
      } catch {
        entity = undefined;
      }
      return {
        ...f,
        links: observabilityLinks(
          this.options.clusterTemplates?.get(f.cluster) ??
            this.options.templates,
          {
            cluster: f.cluster,
            namespace: f.resource.namespace,
            kind: f.resource.kind,
            name: f.resource.name,
            container: f.resource.container,
            host: f.resource.host,
            window: windowBefore(f.firstSeenAt),
            entity,
          },
          f.entityRef
            ? annotations.get(f.entityRef.toLocaleLowerCase('en-US'))
            : undefined,
        ),
      };
    });
  }

  private async entityAnnotations(
    refs: Array<string | undefined>,
    credentials: BackstageCredentials,
  ): Promise<Map<string, Record<string, string>>> {
    const unique = [...new Set(refs.filter((r): r is string => !!r))];
    const map = new Map<string, Record<string, string>>();
    if (unique.length === 0) return map;
    let items;
    try {
      ({ items } = await this.options.catalog.getEntitiesByRefs(
        {
          entityRefs: unique,
          fields: [
            'kind',
            'metadata.name',
            'metadata.namespace',
            'metadata.annotations',
          ],
        },
        { credentials },
      ));
    } catch (e) {
      // Links are an extra: without the catalog, the configured templates still apply.
      this.options.logger?.warn(
        `Observability links without entity overrides: catalog lookup failed: ${e}`,
      );
      return map;
    }
    for (const entity of items) {
      if (entity?.metadata.annotations) {
        map.set(
          stringifyEntityRef(entity).toLocaleLowerCase('en-US'),
          entity.metadata.annotations,
        );
      }
    }
    return map;
  }
}

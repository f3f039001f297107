/** What an observability link points at; the frontend picks an icon per kind. */
export const OBSERVABILITY_LINK_KINDS = [
  'grafana',
  'prometheus',
  'loki',
  'jaeger',
  'linkerd',
  'other',
] as const;
export type ObservabilityLinkKind = (typeof OBSERVABILITY_LINK_KINDS)[number];

/** A configured link (`kubemate.observability.links[]`). */
export interface ObservabilityLinkTemplate {
  title: string;
  kind: ObservabilityLinkKind;
  /**
   * http(s) URL with `${placeholder}`s; placeholder values are percent-encoded, the rest of the
   * text is used as written.
   */
  url: string;
  /**
   * Query parameters appended to `url`. Their values are templates too, filled with the raw
   * values and then encoded as a whole, so a PromQL or LogQL query can be written readably.
   */
  params?: Record<string, string>;
}

/** A filled-in link, as returned with findings (`finding.links`). */
export interface ObservabilityLink {
  title: string;
  kind: ObservabilityLinkKind;
  url: string;
}

/** The values placeholders are filled with; a link using a missing value is left out. */
export interface ObservabilityLinkContext {
  cluster?: string;
  namespace?: string;
  /** Kubernetes kind of the resource (`Deployment`). */
  kind?: string;
  /** Name of the resource. */
  name?: string;
  container?: string;
  /** A pod of the resource (a pod row's own name). */
  pod?: string;
  host?: string;
  /**
   * The time range the link shows (`${from}`/`${to}` in epoch milliseconds as Grafana takes
   * them, `.iso` RFC 3339, `.us` epoch microseconds as Jaeger takes them); on a risk item the 24
   * hours before it was found.
   */
  window?: { from: Date | string; to: Date | string };
  /** The catalog entity owning the resource. */
  entity?: { kind: string; namespace: string; name: string };
  /** `${jaeger.service}`: the entity's `jaegertracing.io/service` annotation. */
  jaegerService?: string;
  /** `${grafana.selector}`: the entity's `grafana/dashboard-selector` annotation, as written. */
  grafanaSelector?: string;
}

export interface Config {
  /** Kubemate: Kubernetes workload management and cluster inspection. */
  kubemate?: {
    /**
     * Kubeconfig files to read clusters from, in addition to the `type: config` entries of
     * `kubernetes.clusterLocatorMethods`. Each context becomes a cluster named after it.
     */
    kubeconfig?: Array<{
      /** Path of the kubeconfig file, relative to the backend's working directory. */
      path: string;
      /** Only these contexts; all contexts when omitted. */
      contexts?: string[];
    }>;
    /** Calls to the Kubernetes API servers made through Kubemate's clients. */
    kubernetes?: {
      /**
       * Deadline of one API request (not watches or followed logs), in milliseconds. Default
       * 30000. A request that misses it answers 504 naming the cluster.
       */
      requestTimeoutMs?: number;
    };
    /** Calls to the Backstage catalog made by the Kubemate backend. */
    catalog?: {
      /** Deadline of one catalog call, in milliseconds. Default 10000; missed: 504. */
      timeoutMs?: number;
    };
    /** Pod logs. */
    logs?: {
      /**
       * A followed log stream ends after this long, in milliseconds, with a last line saying
       * why. Default 1800000 (30 minutes).
       */
      maxFollowMs?: number;
      /** Followed log streams one user may hold open at once; beyond it 429. Default 3. */
      maxFollowsPerUser?: number;
    };
    /** Cluster inspection (巡检): rules, profiles, schedules. See docs/inspection.md. */
    inspection?: {
      /** Default true. When false nothing is scheduled and manual runs answer 503. */
      enabled?: boolean;
      /** Extra rule pack directories (inspection as code), relative to the backend's working dir. */
      rulePacks?: string[];
      /** Report ingestion (`POST /inspection/ingest/:format`). */
      ingest?: {
        /**
         * Ingestions handled at once. Default 2. One more is refused at once with 503 and
         * `Retry-After: 5` (no queue).
         */
        maxConcurrent?: number;
      };
      /** Extra profile directories; their profiles may extend the built-in ones. */
      profiles?: string[];
      /** How long run history is kept, in days. Default 90. Findings and their history stay. */
      retentionDays?: number;
      /** Wait before the one retry of a run whose fetch failed, in milliseconds. Default 5000. */
      retryDelayMs?: number;
      /**
       * How often the replica running an inspection run writes its heartbeat to the database, in
       * milliseconds. Default 15000.
       */
      runHeartbeatMs?: number;
      /**
       * A running run whose heartbeat is older than this, in milliseconds, is failed (the process
       * running it died) by the next run's start or the minutely sweep. Default 60000; at least
       * twice `runHeartbeatMs`.
       */
      staleRunAfterMs?: number;
      /** Per cluster: the profile to inspect with and when. */
      clusters?: {
        [clusterName: string]: {
          /** Profile name; default `baseline`. */
          profile?: string;
          /** Backstage scheduler format; default every 6 hours, timeout 30 minutes. */
          schedule?: {
            frequency: { cron: string } | string | { [unit: string]: number };
            timeout: string | { [unit: string]: number };
            initialDelay?: string | { [unit: string]: number };
          };
          /**
           * Runs triggered by workload changes (a spec change, creation or deletion of a
           * watched kind). Off unless this block is present.
           */
          onChange?: {
            /** Default true when the block is present. */
            enabled?: boolean;
            /**
             * A run starts once no change arrived for this long (debounce). Default 30 seconds.
             * Human duration (`{ seconds: 30 }`) or ISO 8601 (`PT30S`).
             */
            quietPeriod?: string | { [unit: string]: number };
            /** Watched kinds: Deployment, StatefulSet, DaemonSet, CronJob. Default the first three. */
            kinds?: string[];
            /** Only changes in these namespaces; default all. */
            namespaces?: string[];
          };
          /**
           * Black-box probes run with each engine run of this cluster (see docs/inspection.md).
           * Off unless this block is present; each part runs when its block is present.
           */
          probes?: {
            /** Default true when the block is present. */
            enabled?: boolean;
            /** `probe-workload-lifecycle`: create a probe pod, wait for Ready, delete it. */
            workload?: {
              enabled?: boolean;
              /** Namespace the probe pod is created in. Default `default`. */
              namespace?: string;
              /** Default `registry.k8s.io/pause:3.10`. */
              image?: string;
              /** Bound for becoming Ready and again for disappearing. Default 60. */
              timeoutSeconds?: number;
            };
            /** `probe-api-certificate-expiry` / `probe-endpoint-certificate-expiry`. */
            certificates?: {
              enabled?: boolean;
              /** Check the API server's serving certificate. Default true. */
              apiServer?: boolean;
              /** Extra endpoints: `https://host[:port]` or `host[:port]` (port 443 by default). */
              endpoints?: string[];
              /** Fail when fewer days are left. Default 30. */
              minDaysLeft?: number;
              /** TLS handshake timeout. Default 10. */
              timeoutSeconds?: number;
            };
          };
        };
      };
    };
    /** Links to the dashboards of a resource (Grafana, Prometheus, …). See docs/admin-guide.md. */
    observability?: {
      /**
       * URL templates, added as `links` to inspection findings and shown on entity pages (the
       * links card, the Dashboards menu of workload and pod rows). Placeholders: `${cluster}`,
       * `${namespace}`, `${kind}`, `${name}`, `${container}`, `${pod}`, `${host}`,
       * `${entity.kind}`, `${entity.namespace}`, `${entity.name}`, `${entity.ref}`,
       * `${jaeger.service}` and `${grafana.selector}` (the entity's `jaegertracing.io/service`
       * and `grafana/dashboard-selector` annotations), and the time window `${from}`/`${to}`
       * (epoch ms), `${from.iso}`/`${to.iso}` (RFC 3339), `${from.us}`/`${to.us}` (epoch µs; on
       * a risk item the 24 hours before it was found, on an entity page the hour before).
       * Entity annotations such as `kubemate.io/grafana-dashboard` replace the templates of
       * their kind.
       */
      links?: Array<{
        title: string;
        /** Default `other`. */
        kind?:
          | 'grafana'
          | 'prometheus'
          | 'loki'
          | 'jaeger'
          | 'linkerd'
          | 'other';
        /** http(s) URL; placeholder values are percent-encoded, the rest is used as written. */
        url: string;
        /** Query parameters appended to `url`, each a template encoded as a whole (e.g. PromQL). */
        params?: { [name: string]: string };
      }>;
      /** Per cluster: its own templates, replacing `links` for its resources. */
      clusters?: {
        [clusterName: string]: {
          links?: Array<{
            title: string;
            kind?:
              | 'grafana'
              | 'prometheus'
              | 'loki'
              | 'jaeger'
              | 'linkerd'
              | 'other';
            url: string;
            params?: { [name: string]: string };
          }>;
        };
      };
    };
    /** Traffic routing for releases: which route kind each cluster's mesh or gateway reads. */
    traffic?: {
      /** Timeout of each Kubernetes API call on a route, in milliseconds. Default 10000. */
      timeoutMs?: number;
      clusters?: {
        [clusterName: string]: {
          /**
           * `HTTPRoute` (Gateway API, Service parentRefs as Linkerd ≥ 2.14 reads them; the
           * default), `TrafficSplit` (SMI), or the kind of a router a backend module adds.
           */
          router?: string;
        };
      };
    };
    /** Golden metrics (success rate, RPS, latency) per workload, for releases. */
    metrics?: {
      clusters?: {
        [clusterName: string]: {
          /** The Prometheus that scrapes the cluster's Linkerd proxies. */
          prometheus?: {
            /** Base URL of the Prometheus HTTP API, e.g. `http://prometheus.linkerd-viz:9090`. */
            url: string;
            /** Timeout of each query, in milliseconds. Default 5000. */
            timeoutMs?: number;
            /**
             * Headers sent with every query, e.g. `Authorization: Bearer …` for a Prometheus
             * behind an authenticating proxy.
             * @visibility secret
             */
            headers?: { [name: string]: string };
          };
        };
      };
    };
    /** Progressive delivery: how the backend drives releases. */
    releases?: {
      /**
       * How often each backend replica looks for release steps that are due, in seconds.
       * Default 1. Each step still runs once across replicas.
       */
      tickSeconds?: number;
      /**
       * How long a replica's claim on a step holds before another replica may take it over
       * (a replica that died mid-step), in seconds. Default 60.
       */
      leaseSeconds?: number;
    };
    /** Black-box probes (docs/probes.md). */
    probes?: {
      /**
       * Directory of probe files (`kind: Probe` YAML documents), relative to the backend's
       * working directory. An invalid file stops the backend with file:line errors. No probes
       * without it.
       */
      directory?: string;
      /**
       * How often each backend replica looks for probes that are due, in seconds. Default 5.
       * Each run still happens once across replicas.
       */
      tickSeconds?: number;
      /**
       * `/api/kubemate` as job probes' containers reach it (e.g.
       * `http://backstage.backstage.svc:7007/api/kubemate`); they report there. Job probes
       * fail without it.
       */
      reportBaseUrl?: string;
      /** Changes that need named probes to pass first (a blocked change is a 409, audited). */
      gates?: {
        /** Probe ids a namespace onboarding (not its dry run) needs to pass. */
        onboarding?: string[];
        /** Probe ids a template's apply to a namespace (not its dry run) needs to pass. */
        apply?: string[];
        /**
         * Probe ids every release needs to pass before its canary gets more traffic: its
         * start, each step forward and its promotion (a plan's `gateProbes` adds more). A
         * blocked step holds the release at its weight; a person's change is refused.
         */
        release?: string[];
        /**
         * How old a probe's latest result may be for a gate to trust it, in seconds; an older
         * one runs the probe again first. Default 300.
         */
        maxAgeSeconds?: number;
      };
    };
    /** Entity workloads (the Workloads tab). */
    workloads?: {
      /**
       * How long the first request for a cluster waits for its watch caches to fill, in
       * milliseconds. Default 10000. Later requests are served from memory.
       */
      syncTimeoutMs?: number;
      /**
       * How often each watch cache lists everything afresh in the background (healing any
       * drift), in milliseconds. Default 600000 (10 minutes); 0 turns it off.
       */
      resyncIntervalMs?: number;
    };
    /**
     * Namespace tenancy. A namespace belongs to one Group: the one listed here, else the one
     * its Namespace's `kubemate.io/owner` label (a Group of the catalog's `default` namespace)
     * or annotation (a full entity ref) names. An entity's mapping resolves only namespaces
     * its owner owns or that are shared with it; a namespace without an owner is resolved for
     * nobody.
     */
    tenancy?: {
      /** Owners of existing namespaces; these win over the namespaces' own labels. */
      namespaces?: Array<{
        /** Cluster name; absent means the namespace of that name in every cluster. */
        cluster?: string;
        namespace: string;
        /** Group entity ref; a bare name is a Group of the `default` namespace. */
        owner: string;
        /** Further groups (entity refs) whose entities may map this namespace. */
        sharedWith?: string[];
      }>;
    };
    /**
     * The catalog module for apps created by templates (`catalogModuleKubemateCreatedEntities`).
     */
    createdEntities?: {
      /** How often the catalog reads the created apps' Components, in seconds (default 5). */
      refreshSeconds?: number;
    };
    /**
     * Namespace onboarding. Without it `POST /namespaces/:cluster/:name/onboard` answers 503.
     */
    onboarding?: {
      gateway: {
        /** The gateway implementation; only `traefik` today. Default traefik. */
        implementation?: 'traefik';
        /**
         * One GatewayClass that every namespace's Gateway uses. Unset (the default): onboarding
         * makes a GatewayClass `kubemate-<namespace>` per namespace, of `controllerName`.
         */
        className?: string;
        /** The controller of the per-namespace GatewayClasses. Default traefik.io/gateway-controller. */
        controllerName?: string;
        /** The Traefik installation whose static configuration gets an entryPoint per namespace. */
        traefik?: { namespace?: string; deployment?: string; service?: string };
        /** Ports allocated to namespaces' entryPoints, one each per cluster. */
        ports: { from: number; to: number };
      };
      /** Sizes offered by the form: ResourceQuota `hard` and LimitRange container defaults. */
      sizes: {
        [name: string]: {
          quota: { [resource: string]: string };
          defaultRequest?: { [resource: string]: string };
          default?: { [resource: string]: string };
        };
      };
    };
    /**
     * Approved container images (also read by the frontend's image picker): a template's apply
     * refuses any container image outside this list. Any image when not set.
     * See docs/admin-guide.md#approved-images.
     * @visibility frontend
     */
    images?: Array<{
      /**
       * Registry host, optionally with a port, e.g. `ghcr.io` (`docker.io` for Docker Hub).
       * @visibility frontend
       */
      registry: string;
      /**
       * Repository in the registry, e.g. `kubemate/hello` (`library/nginx` on Docker Hub).
       * @visibility frontend
       */
      repository: string;
      /**
       * What the picker shows; `registry/repository` when omitted.
       * @visibility frontend
       */
      title?: string;
      /**
       * The only tags allowed; any tag or digest when omitted.
       * @visibility frontend
       */
      tags?: string[];
    }>;
    /** How cluster reachability is checked. */
    clusterStatus?: {
      /** Timeout of one `/version` probe, in milliseconds. Default 3000. */
      probeTimeoutMs?: number;
      /**
       * Schedule of the background probe (Backstage scheduler format).
       * Default: every minute.
       */
      schedule?: {
        frequency: { cron: string } | string | { [unit: string]: number };
        timeout: string | { [unit: string]: number };
        initialDelay?: string | { [unit: string]: number };
      };
    };
  };
}

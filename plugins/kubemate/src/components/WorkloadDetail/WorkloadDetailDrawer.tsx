import type { Entity } from '@backstage/catalog-model';
import { StructuredMetadataTable } from '@backstage/core-components';
import {
  podsOfWorkload,
  summarizeWorkload,
  type ClusterWorkloads,
  type KubeObject,
  ROLLOUT_KINDS,
} from '@kubemate/plugin-kubemate-common';
import {
  Box,
  Drawer,
  IconButton,
  Tab,
  Tabs,
  Typography,
} from '@material-ui/core';
import CloseIcon from '@material-ui/icons/Close';
import { useState } from 'react';
import { stringify } from 'yaml';
import { age } from '../age';
import { PodsTable } from '../EntityWorkloadsContent/PodsTable';
import { podPhase } from '../EntityWorkloadsContent/podRows';
import {
  hpaOf,
  RolloutHistory,
  useOpenWorkloadAction,
  WorkloadActionButtons,
  type PermittedActions,
  type useWorkloadAction,
} from '../WorkloadActions';
import { EventsTable } from './EventsTable';
import { PodContainers } from './PodContainers';
import { PodUsage } from './PodUsage';
import { ObservabilityLinksButton } from '../ObservabilityLinks';
import { YamlEditor } from './YamlEditor';

type Condition = {
  type: string;
  status: string;
  reason?: string;
  message?: string;
  lastTransitionTime?: string;
};

/** The object as people read it: no managedFields, no kubectl last-applied copy. */
function readableYaml(object: KubeObject): string {
  const copy = structuredClone(object) as KubeObject;
  delete copy.metadata.managedFields;
  delete copy.metadata.annotations?.[
    'kubectl.kubernetes.io/last-applied-configuration'
  ];
  return stringify(copy);
}

type PodFields = {
  spec?: { nodeName?: string; serviceAccountName?: string };
  status?: { phase?: string; podIP?: string; qosClass?: string };
};

/** A pod's placement and state, then each of its containers. */
function PodOverview(props: {
  entity: Entity;
  pod: KubeObject;
  cluster: ClusterWorkloads;
}) {
  const { pod, cluster } = props;
  const { spec = {}, status = {} } = pod as PodFields;
  const owner = pod.metadata.ownerReferences?.[0];
  return (
    <>
      <StructuredMetadataTable
        metadata={{
          Cluster: cluster.title ?? cluster.cluster,
          Status: podPhase(
            (pod.status ?? {}) as Parameters<typeof podPhase>[0],
          ),
          Phase: status.phase ?? '—',
          Node: spec.nodeName ?? '—',
          'Pod IP': status.podIP ?? '—',
          'QoS class': status.qosClass ?? '—',
          'Service account': spec.serviceAccountName ?? '—',
          'Controlled by': owner ? `${owner.kind}/${owner.name}` : '—',
          Age: age(pod.metadata.creationTimestamp),
        }}
      />
      <Box mt={2}>
        <PodContainers pod={pod} />
      </Box>
      <Box mt={2}>
        <PodUsage entity={props.entity} cluster={cluster.cluster} pod={pod} />
      </Box>
    </>
  );
}

/** One workload in depth: overview, pods, events, rollout history and YAML; a pod by its containers. */
export function WorkloadDetailDrawer(props: {
  entity: Entity;
  cluster: ClusterWorkloads;
  object: KubeObject;
  permitted: PermittedActions;
  mutation: ReturnType<typeof useWorkloadAction>;
  onClose(): void;
}) {
  const { object, cluster, permitted, mutation } = props;
  const [tab, setTab] = useState('overview');
  const openAction = useOpenWorkloadAction();
  const summary = summarizeWorkload(object);
  // A pod is shown by its containers rather than as a workload of pods.
  const isPod = object.kind === 'Pod';
  const pods = isPod ? [] : podsOfWorkload(object, cluster.resources);
  const owned = [
    ...cluster.resources.replicasets,
    ...cluster.resources.jobs,
  ].filter(o =>
    o.metadata.ownerReferences?.some(r => r.uid === object.metadata.uid),
  );
  const about = new Set(
    [object, ...owned, ...pods]
      .map(o => o.metadata.uid)
      .filter((u): u is string => !!u),
  );
  const target = {
    cluster: cluster.cluster,
    namespace: object.metadata.namespace ?? 'default',
    kind: object.kind,
    name: object.metadata.name,
  };
  const conditions =
    (object.status as { conditions?: Condition[] } | undefined)?.conditions ??
    [];
  const labels = Object.entries(object.metadata.labels ?? {}).map(
    ([k, v]) => `${k}=${v}`,
  );

  return (
    <Drawer
      anchor="right"
      open
      onClose={props.onClose}
      PaperProps={{ style: { width: 'min(1100px, 90vw)' } }}
    >
      <Box
        p={2}
        role="region"
        aria-label={`${object.kind} ${object.metadata.name}`}
      >
        <Box display="flex" alignItems="center">
          <Typography variant="h5" style={{ flexGrow: 1 }}>
            {object.kind} {target.namespace}/{object.metadata.name}
          </Typography>
          <WorkloadActionButtons
            cluster={cluster.cluster}
            object={object}
            permitted={permitted}
            hpa={hpaOf(cluster.resources, object)}
          />
          <ObservabilityLinksButton
            entity={props.entity}
            cluster={cluster.cluster}
            object={object}
          />
          <IconButton aria-label="Close details" onClick={props.onClose}>
            <CloseIcon />
          </IconButton>
        </Box>
        <Tabs
          value={tab}
          onChange={(_e, v) => setTab(v)}
          indicatorColor="primary"
        >
          <Tab value="overview" label="Overview" />
          {!isPod && <Tab value="pods" label={`Pods (${pods.length})`} />}
          <Tab value="events" label="Events" />
          {ROLLOUT_KINDS.includes(object.kind) && (
            <Tab value="history" label="History" />
          )}
          <Tab value="yaml" label="YAML" />
        </Tabs>
        <Box mt={2}>
          {tab === 'overview' && isPod && (
            <PodOverview entity={props.entity} pod={object} cluster={cluster} />
          )}
          {tab === 'overview' && !isPod && (
            <>
              <StructuredMetadataTable
                metadata={{
                  Cluster: cluster.title ?? cluster.cluster,
                  Health: summary.health,
                  Ready:
                    object.kind === 'CronJob'
                      ? '—'
                      : `${summary.ready}/${summary.desired}`,
                  'Up-to-date': summary.updated,
                  Images: summary.images.join(', '),
                  Labels: labels.join(', ') || '—',
                  Age: age(summary.createdAt),
                }}
              />
              {conditions.length > 0 && (
                <StructuredMetadataTable
                  metadata={Object.fromEntries(
                    conditions.map(c => [
                      c.type,
                      `${c.status}${c.reason ? ` (${c.reason})` : ''}${
                        c.message ? `: ${c.message}` : ''
                      }`,
                    ]),
                  )}
                />
              )}
            </>
          )}
          {tab === 'pods' && (
            <PodsTable
              pods={pods}
              actions={pod => (
                <WorkloadActionButtons
                  cluster={cluster.cluster}
                  object={pod}
                  permitted={permitted}
                />
              )}
            />
          )}
          {tab === 'events' && (
            <EventsTable events={cluster.resources.events} about={about} />
          )}
          {tab === 'history' && (
            <RolloutHistory
              entity={props.entity}
              target={target}
              canRollback={permitted.rollback}
              busy={mutation.isPending}
              onRollback={revision =>
                openAction({
                  cluster: cluster.cluster,
                  object,
                  open: { rollback: revision },
                })
              }
            />
          )}
          {tab === 'yaml' && (
            <YamlEditor
              entity={props.entity}
              target={target}
              yaml={readableYaml(object)}
              canEdit={permitted.yamlApply}
            />
          )}
        </Box>
      </Box>
    </Drawer>
  );
}

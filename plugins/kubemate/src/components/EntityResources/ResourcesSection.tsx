import type { Entity } from '@backstage/catalog-model';
import type { ClusterWorkloads } from '@kubemate/plugin-kubemate-common';
import type { PermittedActions } from '../WorkloadActions';
import { Box, Paper, Tab, Tabs, Typography } from '@material-ui/core';
import { useState } from 'react';
import { ConfigMapsView } from './ConfigMapsView';
import { CronJobsTable } from './CronJobsTable';
import { HpasTable } from './HpasTable';
import { JobsTable } from './JobsTable';
import type { OpenObject } from './ObjectLinks';
import { PvcsTable } from './PvcsTable';
import { SecretsTable } from './SecretsTable';
import { ServicesTable } from './ServicesTable';

const KINDS = [
  { key: 'services', label: 'Services' },
  { key: 'configmaps', label: 'ConfigMaps' },
  { key: 'secrets', label: 'Secrets' },
  { key: 'persistentvolumeclaims', label: 'PVCs' },
  { key: 'horizontalpodautoscalers', label: 'HPAs' },
  { key: 'jobs', label: 'Jobs' },
  { key: 'cronjobs', label: 'CronJobs' },
] as const;

type Kind = (typeof KINDS)[number]['key'];

/**
 * The entity's other resources in one cluster, one tab per kind with its count. Only the open
 * tab's table is rendered, so many ConfigMaps or Jobs cost nothing until looked at.
 */
export function ResourcesSection(props: {
  entity: Entity;
  /** What the user may do: the HPA, CronJob and log controls follow it. */
  permitted: PermittedActions;
  cluster: ClusterWorkloads;
  secretValuesHidden: boolean;
  onOpen: OpenObject;
}) {
  const { cluster, onOpen, permitted } = props;
  const [kind, setKind] = useState<Kind>('services');
  const name = cluster.title ?? cluster.cluster;
  const id = (k: string) => `resources-${cluster.cluster}-${k}`;
  return (
    <Paper>
      <Box px={2} pt={1}>
        <Typography variant="h5">Resources</Typography>
      </Box>
      <Tabs
        value={kind}
        onChange={(_e, v) => setKind(v)}
        indicatorColor="primary"
        variant="scrollable"
        scrollButtons="auto"
        aria-label={`Resources in ${name}`}
      >
        {KINDS.map(k => (
          <Tab
            key={k.key}
            value={k.key}
            label={`${k.label} (${cluster.resources[k.key].length})`}
            id={`${id(k.key)}-tab`}
            aria-controls={`${id(k.key)}-panel`}
          />
        ))}
      </Tabs>
      <div
        role="tabpanel"
        id={`${id(kind)}-panel`}
        aria-labelledby={`${id(kind)}-tab`}
      >
        {kind === 'services' && (
          <ServicesTable
            entity={props.entity}
            cluster={cluster}
            onOpen={onOpen}
          />
        )}
        {kind === 'configmaps' && <ConfigMapsView cluster={cluster} />}
        {kind === 'secrets' && (
          <SecretsTable
            cluster={cluster}
            valuesHidden={props.secretValuesHidden}
          />
        )}
        {kind === 'persistentvolumeclaims' && (
          <PvcsTable cluster={cluster} onOpen={onOpen} />
        )}
        {kind === 'horizontalpodautoscalers' && (
          <HpasTable cluster={cluster} permitted={permitted} />
        )}
        {kind === 'jobs' && (
          <JobsTable cluster={cluster} onOpen={onOpen} permitted={permitted} />
        )}
        {kind === 'cronjobs' && (
          <CronJobsTable
            cluster={cluster}
            onOpen={onOpen}
            permitted={permitted}
          />
        )}
      </div>
    </Paper>
  );
}

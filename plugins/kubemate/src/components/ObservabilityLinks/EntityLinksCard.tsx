import {
  InfoCard,
  Link,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useEntity } from '@backstage/plugin-catalog-react';
import type { ObservabilityLinkGroup } from '@kubemate/plugin-kubemate-common';
import { Box, Typography } from '@material-ui/core';
import { KubemateQueryProvider } from '../../queries';
import { isHttpUrl, useObservabilityLinks } from './useObservabilityLinks';

const groupTitle = (g: ObservabilityLinkGroup) =>
  g.kind ? `${g.kind} ${g.namespace}/${g.name}` : `Namespace ${g.namespace}`;

function LinksOfEntity() {
  const { entity } = useEntity();
  const { data, error, isPending } = useObservabilityLinks(entity);
  if (isPending) return <Progress />;
  if (error) return <ResponseErrorPanel error={error} />;
  const groups = data.groups
    .map(g => ({ ...g, links: g.links.filter(l => isHttpUrl(l.url)) }))
    .filter(g => g.links.length > 0);
  if (groups.length === 0) {
    return (
      <Typography color="textSecondary">
        No dashboards: no link templates are configured for this entity's
        clusters, or it has no workloads yet.
      </Typography>
    );
  }
  const clusters = [...new Set(groups.map(g => g.cluster))];
  return (
    <>
      {clusters.map(cluster => (
        <Box key={cluster} mb={2}>
          {clusters.length > 1 && (
            <Typography variant="subtitle1">{cluster}</Typography>
          )}
          {groups
            .filter(g => g.cluster === cluster)
            .map(g => (
              <Box key={groupTitle(g)} mb={1}>
                <Typography variant="subtitle2">{groupTitle(g)}</Typography>
                <ul
                  aria-label={`Dashboards of ${groupTitle(g)}`}
                  style={{ margin: 0 }}
                >
                  {g.links.map(l => (
                    <li key={`${l.kind}-${l.title}-${l.url}`}>
                      <Link
                        to={l.url}
                        target="_blank"
                        rel="noopener noreferrer"
                      >
                        {l.title}
                      </Link>{' '}
                      <Typography
                        component="span"
                        variant="caption"
                        color="textSecondary"
                      >
                        {l.kind}
                      </Typography>
                    </li>
                  ))}
                </ul>
              </Box>
            ))}
        </Box>
      ))}
      <Typography variant="caption" color="textSecondary">
        Time range: {new Date(data.window.from).toLocaleString()} –{' '}
        {new Date(data.window.to).toLocaleString()}
      </Typography>
    </>
  );
}

/**
 * Entity card: Grafana, Prometheus, Loki, Jaeger and Linkerd links of the entity's namespaces
 * and workloads, from the configured templates and the entity's annotations.
 */
export function EntityLinksCard() {
  return (
    <InfoCard title="Dashboards and logs">
      <KubemateQueryProvider>
        <LinksOfEntity />
      </KubemateQueryProvider>
    </InfoCard>
  );
}

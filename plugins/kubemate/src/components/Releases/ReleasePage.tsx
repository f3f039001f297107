import {
  Content,
  Header,
  HeaderLabel,
  InfoCard,
  Link,
  Page,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import { Grid, Typography } from '@material-ui/core';
import type { Release } from '@kubemate/plugin-kubemate-common';
import { useParams } from 'react-router-dom';
import { isReleaseActive, useRelease } from '../../queries';
import { ObservabilityLinksButton } from '../ObservabilityLinks';
import { ReleaseShadowWarning } from '../ServiceProfiles';
import { parseEntityRef } from '@backstage/catalog-model';
import { describePlan, splitOf } from './format';
import { MetricsPanel } from './MetricsPanel';
import { ReleaseControls } from './ReleaseControls';
import { ReleaseStateChip } from './ReleaseStateChip';
import { ReleaseTimeline } from './ReleaseTimeline';

/** The dashboards, queries, logs and traces of one version's Deployment. */
function VersionLinks(props: {
  release: Release;
  version: 'stable' | 'canary';
}) {
  const { release } = props;
  return (
    <ObservabilityLinksButton
      entity={parseEntityRef(release.entityRef)}
      cluster={release.cluster}
      object={{
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: {
          name: release[props.version],
          namespace: release.namespace,
        },
      }}
    />
  );
}

function ReleaseDetail(props: { id: string }) {
  const { data: release, error, isPending } = useRelease(props.id);
  if (isPending) return <Progress />;
  if (error) return <ResponseErrorPanel error={error} />;
  const split = splitOf(release);
  const match = release.match?.headers?.[0]
    ? `header ${release.match.headers[0].name}: ${release.match.headers[0].value}`
    : release.match?.cookies?.[0] &&
      `cookie ${release.match.cookies[0].name}=${release.match.cookies[0].value}`;
  return (
    <Grid container spacing={3}>
      <Grid item xs={12}>
        <ReleaseShadowWarning
          entityRef={release.entityRef}
          cluster={release.cluster}
          namespace={release.namespace}
          service={release.service}
        />
      </Grid>
      <Grid item xs={12}>
        <InfoCard title="Release">
          <Grid container spacing={2}>
            <Grid item xs={12} md={6}>
              <Typography variant="h6" component="p">
                <ReleaseStateChip state={release.state} />
              </Typography>
              <Typography>
                Entity <EntityRefLink entityRef={release.entityRef} /> · cluster{' '}
                {release.cluster} · Service {release.namespace}/
                {release.service} ({release.routeKind}
                {release.route ? ` ${release.route}` : ''})
              </Typography>
              <Typography>
                {release.strategy} release: {release.stable}
                <VersionLinks release={release} version="stable" /> →{' '}
                {release.canary}
                <VersionLinks release={release} version="canary" />
                {match ? ` · canary gets ${match}` : ''}
                {release.sticky
                  ? ` · sticky sessions (cookie ${release.sticky.cookie})`
                  : ''}
              </Typography>
              <Typography variant="body2" color="textSecondary">
                Plan: {describePlan(release.plan)} · step {release.step} ·
                failed checks {release.failedChecks}/
                {release.plan.failedChecksToAbort} · min requests{' '}
                {release.plan.minRequests}
                {release.plan.autoPromote ? ' · promotes automatically' : ''}
                {release.plan.gateProbes?.length
                  ? ` · gated by probes ${release.plan.gateProbes.join(', ')}`
                  : ''}
                {release.nextStepAt && isReleaseActive(release)
                  ? ` · next step ${new Date(
                      release.nextStepAt,
                    ).toLocaleTimeString()}`
                  : ''}
              </Typography>
            </Grid>
            <Grid item xs={12} md={6}>
              <Typography variant="h4" component="p">
                Canary {split.canary}%
              </Typography>
              <Typography aria-label="Route weights">
                Weights: {release.stable} {split.stable} · {release.canary}{' '}
                {split.canary}
              </Typography>
            </Grid>
            <Grid item xs={12}>
              <ReleaseControls release={release} />
            </Grid>
          </Grid>
        </InfoCard>
      </Grid>
      <Grid item xs={12}>
        <MetricsPanel release={release} />
      </Grid>
      <Grid item xs={12}>
        <InfoCard title="Timeline">
          <ReleaseTimeline release={release} />
        </InfoCard>
      </Grid>
      <Grid item xs={12}>
        <Link to="/kubemate/releases">All releases</Link>
      </Grid>
    </Grid>
  );
}

/** One release: state, split, controls, live golden metrics and its timeline. */
export function ReleasePage() {
  const { id = '' } = useParams();
  return (
    <Page themeId="tool">
      <Header title="Release" subtitle={id}>
        <HeaderLabel label="Release" value={id.slice(0, 8)} />
      </Header>
      <Content>
        <ReleaseDetail id={id} />
      </Content>
    </Page>
  );
}

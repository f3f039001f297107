import {
  Content,
  ContentHeader,
  EmptyState,
  Header,
  Page,
  Progress,
  ResponseErrorPanel,
  SupportButton,
} from '@backstage/core-components';
import { Box } from '@material-ui/core';
import { useSearchParams } from 'react-router-dom';
import { useFleetProbes } from '../../queries/useProbes';
import { ProbeDetail } from './ProbeDetail';
import { ProbesTable } from './ProbesTable';

function FleetProbes() {
  const { data, error, isPending } = useFleetProbes();
  const [params, setParams] = useSearchParams();
  if (isPending) return <Progress />;
  if (error) return <ResponseErrorPanel error={error} />;
  if (!data.items.length) {
    return (
      <EmptyState
        missing="content"
        title="No probes"
        description="Probes are defined in YAML files of the directory kubemate.probes.directory (see docs/probes.md)."
      />
    );
  }
  const selected =
    data.items.find(p => p.id === params.get('probe')) ?? data.items[0];
  return (
    <>
      <ProbesTable
        probes={data.items}
        onSelect={id => setParams({ probe: id }, { replace: true })}
      />
      <Box mt={2}>
        <ProbeDetail probe={selected} />
      </Box>
    </>
  );
}

/** Every probe: success rate, last result, history, the last failure with events and hint. */
export function ProbesFleetPage() {
  return (
    <Page themeId="tool">
      <Header
        title="Probes"
        subtitle="Black-box probes: acting as a user would, on a schedule, on changes and by hand"
      />
      <Content>
        <ContentHeader title="Probes">
          <SupportButton>
            Failing probes are listed first. Select a probe for its history, its
            last run's steps and its last failure with the Kubernetes events and
            a likely cause.
          </SupportButton>
        </ContentHeader>
        <FleetProbes />
      </Content>
    </Page>
  );
}

import {
  Content,
  ContentHeader,
  Header,
  Page,
  Progress,
  ResponseErrorPanel,
  SupportButton,
} from '@backstage/core-components';
import { useFleetReleases } from '../../queries';
import { ReleasesTable } from './ReleasesTable';

function FleetReleases() {
  const { data, error, isPending } = useFleetReleases();
  if (isPending) return <Progress />;
  if (error) return <ResponseErrorPanel error={error} />;
  return (
    <ReleasesTable title="All releases" releases={data.items} showEntity />
  );
}

/** Releases across the entities the user may read, failing and waiting ones first. */
export function ReleasesFleetPage() {
  return (
    <Page themeId="tool">
      <Header
        title="Releases"
        subtitle="Gray and canary releases across the fleet"
      />
      <Content>
        <ContentHeader title="Releases">
          <SupportButton>
            Start a release from an entity's Releases tab. Failing and waiting
            releases are listed first.
          </SupportButton>
        </ContentHeader>
        <FleetReleases />
      </Content>
    </Page>
  );
}

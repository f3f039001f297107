import {
  Content,
  ContentHeader,
  Header,
  Page,
  SupportButton,
} from '@backstage/core-components';
import { KubemateQueryProvider } from '../../queries';
import { ClustersTable } from '../ClustersTable';
import { NamespacesTable } from '../NamespacesTable';

/** The Kubemate admin landing page: the fleet of clusters and whether each answers. */
export function ClustersPage() {
  return (
    <KubemateQueryProvider>
      <Page themeId="tool">
        <Header
          title="Kubemate"
          subtitle="Clusters and namespaces Kubemate manages workloads, routes and inspection on"
        />
        <Content>
          <ContentHeader title="Clusters">
            <SupportButton>
              Clusters come from kubernetes.clusterLocatorMethods and
              kubemate.kubeconfig in app-config.
            </SupportButton>
          </ContentHeader>
          <ClustersTable />
          <ContentHeader title="Namespaces" />
          <NamespacesTable />
        </Content>
      </Page>
    </KubemateQueryProvider>
  );
}

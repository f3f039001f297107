import {
  Content,
  ContentHeader,
  Header,
  Page,
  SupportButton,
} from '@backstage/core-components';
import { Box, Tab, Tabs } from '@material-ui/core';
import { useSearchParams } from 'react-router-dom';
import { KubemateQueryProvider } from '../../queries';
import { FindingsPanel } from '../InspectionFindings';
import { FleetClusters } from './FleetClusters';
import { ProfilesBrowser } from './ProfilesBrowser';
import { RulesBrowser } from './RulesBrowser';
import { RunHistory } from './RunHistory';

const TABS = [
  { id: 'clusters', label: 'Clusters' },
  { id: 'runs', label: 'Runs' },
  { id: 'risks', label: 'Risks' },
  { id: 'rules', label: 'Rules' },
  { id: 'profiles', label: 'Profiles' },
] as const;
type TabId = (typeof TABS)[number]['id'];

const FLEET_SCOPE = {};

function TabContent(props: { tab: TabId }) {
  switch (props.tab) {
    case 'runs':
      return <RunHistory />;
    case 'risks':
      return (
        <FindingsPanel
          scope={FLEET_SCOPE}
          exportName="kubemate-risks"
          showCluster
        />
      );
    case 'rules':
      return <RulesBrowser />;
    case 'profiles':
      return <ProfilesBrowser />;
    default:
      return <FleetClusters />;
  }
}

/**
 * The admin view of cluster inspection: every cluster's current state and trend, run history
 * (with what changed), the fleet's risk list, and the rule and profile browsers. The tab is in
 * the URL (`?tab=runs`) so views can be linked.
 */
export function InspectionFleetPage() {
  const [params, setParams] = useSearchParams();
  const requested = params.get('tab');
  const tab: TabId = TABS.some(t => t.id === requested)
    ? (requested as TabId)
    : 'clusters';
  return (
    <KubemateQueryProvider>
      <Page themeId="tool">
        <Header
          title="Cluster inspection"
          subtitle="Risk items across the fleet, from rules as code"
        />
        <Content>
          <ContentHeader title="Inspection">
            <SupportButton>
              Runs are scheduled per cluster (kubemate.inspection in
              app-config); Run now starts one at once. Rules and profiles are
              files: see docs/rules.md.
            </SupportButton>
          </ContentHeader>
          <Tabs
            value={tab}
            onChange={(_e, v: TabId) =>
              setParams({ tab: v }, { replace: true })
            }
            indicatorColor="primary"
            textColor="primary"
            aria-label="Inspection views"
          >
            {TABS.map(t => (
              <Tab key={t.id} value={t.id} label={t.label} />
            ))}
          </Tabs>
          <Box mt={3}>
            <TabContent tab={tab} />
          </Box>
        </Content>
      </Page>
    </KubemateQueryProvider>
  );
}

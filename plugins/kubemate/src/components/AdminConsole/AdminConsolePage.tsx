import {
  Content,
  Header,
  Page,
  Progress,
  WarningPanel,
} from '@backstage/core-components';
import { usePermission } from '@backstage/plugin-permission-react';
import { kubemateAdminReadPermission } from '@kubemate/plugin-kubemate-common';
import { Box, Tab, Tabs } from '@material-ui/core';
import { useState } from 'react';
import { KubemateQueryProvider } from '../../queries';
import { AuditTab } from './AuditTab';
import { ClustersTab } from './ClustersTab';
import { CustomResourcesTab } from './CustomResourcesTab';
import { EventsTab } from './EventsTab';
import { NamespacesAdminTab } from './NamespacesAdminTab';
import { YamlTab } from './YamlTab';

const TABS = [
  ['Clusters', ClustersTab],
  ['Events', EventsTab],
  ['Namespaces', NamespacesAdminTab],
  ['YAML', YamlTab],
  ['Custom resources', CustomResourcesTab],
  ['Audit log', AuditTab],
] as const;

/** The tabs, for users allowed to see them. */
export function AdminConsole() {
  const [tab, setTab] = useState(0);
  const Shown = TABS[tab][1];
  return (
    <>
      <Tabs
        value={tab}
        onChange={(_e, v) => setTab(v)}
        indicatorColor="primary"
        aria-label="Admin console"
      >
        {TABS.map(([label]) => (
          <Tab key={label} label={label} />
        ))}
      </Tabs>
      <Box pt={2}>
        <Shown />
      </Box>
    </>
  );
}

/** The platform admin console: only for holders of kubemate.admin.read. */
export function AdminConsolePage() {
  const permission = usePermission({ permission: kubemateAdminReadPermission });
  let body;
  if (permission.loading) body = <Progress />;
  else if (!permission.allowed) {
    body = (
      <WarningPanel
        severity="info"
        title="Not allowed"
        message="The admin console is for platform admins (permission kubemate.admin.read)."
      />
    );
  } else body = <AdminConsole />;
  return (
    <KubemateQueryProvider>
      <Page themeId="tool">
        <Header
          title="Kubemate admin"
          subtitle="Nodes, events, namespaces, YAML, custom resources and the audit log of every cluster"
        />
        <Content>{body}</Content>
      </Page>
    </KubemateQueryProvider>
  );
}

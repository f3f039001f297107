import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { useRouteRef } from '@backstage/core-plugin-api';
import {
  entityRouteParams,
  entityRouteRef,
  useEntity,
} from '@backstage/plugin-catalog-react';
import { Box, Typography } from '@material-ui/core';
import { SEVERITIES } from '../../api';
import { KubemateQueryProvider, useInspectionSummary } from '../../queries';
import {
  SeverityBar,
  SeverityChip,
  formatPercent,
  totalRisks,
} from '../InspectionShared';

function Summary() {
  const { entity } = useEntity();
  const { data, error, isPending } = useInspectionSummary({
    entityRef: stringifyEntityRef(entity),
  });
  if (isPending) return <Progress />;
  if (error) return <ResponseErrorPanel error={error} />;
  if (data.runIds.length === 0 || data.total + data.errors === 0) {
    return <Typography>Not inspected yet.</Typography>;
  }
  const open = totalRisks(data.risksBySeverity);
  return (
    <Box>
      <Box display="flex" alignItems="baseline" style={{ gap: 16 }} mb={1}>
        <Typography variant="h4" component="p" aria-label="Health score">
          {Math.round(data.score)}
        </Typography>
        <Typography color="textSecondary">
          health score · {formatPercent(data.passRate)} of {data.total} checks
          passed
        </Typography>
      </Box>
      <Typography variant="subtitle2" gutterBottom>
        {open === 0 ? 'No open risks' : `${open} open risks`}
        {data.ignored > 0 ? ` (${data.ignored} ignored)` : ''}
      </Typography>
      <Box display="flex" style={{ gap: 8 }} mb={1} flexWrap="wrap">
        {SEVERITIES.map(s => (
          <SeverityChip key={s} severity={s} count={data.risksBySeverity[s]} />
        ))}
      </Box>
      <SeverityBar counts={data.risksBySeverity} />
    </Box>
  );
}

/**
 * Entity overview card: the entity's open risks by severity and its health score, linking to
 * the entity's Inspection tab.
 */
export function EntityInspectionCard() {
  const { entity } = useEntity();
  const entityRoute = useRouteRef(entityRouteRef);
  const link = `${entityRoute(entityRouteParams(entity))}/inspection`;
  return (
    <KubemateQueryProvider>
      <InfoCard title="Inspection" deepLink={{ title: 'View risks', link }}>
        <Summary />
      </InfoCard>
    </KubemateQueryProvider>
  );
}

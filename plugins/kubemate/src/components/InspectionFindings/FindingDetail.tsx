import {
  CopyTextButton,
  Link,
  MarkdownContent,
} from '@backstage/core-components';
import { Box, Grid, Typography, makeStyles } from '@material-ui/core';
import type { Finding } from '../../api';
import { formatDateTime, formatResource } from '../InspectionShared';
import { FindingHistory } from './FindingHistory';

const useStyles = makeStyles(theme => ({
  label: {
    fontWeight: 600,
    marginTop: theme.spacing(1.5),
    display: 'block',
  },
  code: {
    fontFamily: 'monospace',
    fontSize: '0.85rem',
    whiteSpace: 'pre-wrap',
    wordBreak: 'break-all',
    margin: 0,
    padding: theme.spacing(1),
    backgroundColor: theme.palette.background.default,
    borderRadius: 4,
    flex: 1,
  },
  value: {
    fontFamily: 'monospace',
    whiteSpace: 'pre-wrap',
    wordBreak: 'break-word',
  },
}));

function Section(props: { title: string; children: React.ReactNode }) {
  const classes = useStyles();
  return (
    <>
      <Typography variant="overline" className={classes.label} component="h4">
        {props.title}
      </Typography>
      {props.children}
    </>
  );
}

/** Everything needed to act on one risk: what, where, why, how to fix, what happened to it. */
export function FindingDetail(props: { finding: Finding }) {
  const { finding } = props;
  const classes = useStyles();
  const description = finding.rule?.description;
  const remediation = finding.remediation ?? finding.rule?.remediation;
  const docs = finding.docs ?? finding.rule?.docs;
  const links = finding.links ?? [];
  return (
    <Grid container spacing={3}>
      <Grid item xs={12} md={6}>
        {description && (
          <Section title="Description">
            <MarkdownContent content={description} dialect="gfm" />
          </Section>
        )}
        <Section title="Resource">
          <Typography variant="body2">
            {formatResource(finding.resource)} in cluster {finding.cluster}
            {finding.resource.apiVersion
              ? ` (${finding.resource.apiVersion})`
              : ''}
          </Typography>
          {finding.message && finding.message !== finding.title && (
            <Typography variant="body2" color="textSecondary">
              {finding.message}
            </Typography>
          )}
        </Section>
        <Section title="Observed vs expected">
          <Grid container spacing={2}>
            <Grid item xs={6}>
              <Typography variant="caption" color="textSecondary">
                Observed
              </Typography>
              <Typography variant="body2" className={classes.value}>
                {finding.observed ?? '—'}
              </Typography>
            </Grid>
            <Grid item xs={6}>
              <Typography variant="caption" color="textSecondary">
                Expected
              </Typography>
              <Typography variant="body2" className={classes.value}>
                {finding.expected ?? '—'}
              </Typography>
            </Grid>
          </Grid>
        </Section>
        {remediation && (
          <Section title="Remediation">
            <MarkdownContent content={remediation} dialect="gfm" />
          </Section>
        )}
        {finding.fix && (
          <Section title="Fix">
            <Box display="flex" alignItems="flex-start">
              <pre className={classes.code} aria-label="Fix snippet">
                {finding.fix}
              </pre>
              <CopyTextButton
                text={finding.fix}
                tooltipText="Fix copied"
                aria-label="Copy fix snippet"
              />
            </Box>
          </Section>
        )}
      </Grid>
      <Grid item xs={12} md={6}>
        {(links.length > 0 || docs) && (
          <Section title="Links">
            <ul style={{ margin: 0, paddingLeft: 20 }}>
              {links.map(l => (
                <li key={l.url}>
                  <Link to={l.url} target="_blank" rel="noopener noreferrer">
                    {l.title}
                  </Link>
                  {l.kind ? (
                    <Typography variant="caption" color="textSecondary">
                      {' '}
                      ({l.kind})
                    </Typography>
                  ) : null}
                </li>
              ))}
              {docs && (
                <li>
                  <Link to={docs} target="_blank" rel="noopener noreferrer">
                    Rule documentation
                  </Link>
                </li>
              )}
            </ul>
          </Section>
        )}
        <Section title="Seen">
          <Typography variant="body2">
            First {formatDateTime(finding.firstSeenAt)}, last{' '}
            {formatDateTime(finding.lastSeenAt)} ({finding.timesSeen}{' '}
            {finding.timesSeen === 1 ? 'run' : 'runs'}) · rule {finding.ruleId}
            {finding.ruleVersion ? ` v${finding.ruleVersion}` : ''}
          </Typography>
        </Section>
        {finding.ignored && (
          <Section title="Ignored">
            <Typography variant="body2">
              {finding.ignored.reason === 'false-positive'
                ? 'False positive'
                : 'Accepted risk'}{' '}
              by {finding.ignored.by} on {formatDateTime(finding.ignored.at)}
              {finding.ignored.until
                ? `, until ${formatDateTime(finding.ignored.until)}`
                : ''}
              {finding.ignored.comment ? `: ${finding.ignored.comment}` : ''}
            </Typography>
          </Section>
        )}
        <Section title="History">
          <FindingHistory fingerprint={finding.fingerprint} />
        </Section>
      </Grid>
    </Grid>
  );
}

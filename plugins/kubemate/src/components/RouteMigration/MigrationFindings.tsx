import { StatusError, StatusOK } from '@backstage/core-components';
import type {
  IngressRouteSummary,
  RouteMigratePreviewResponse,
} from '@kubemate/plugin-kubemate-common';
import { Box, Chip, Typography } from '@material-ui/core';
import { positionMark } from './migrationFormat';
import { UnifiedDiff } from '../UnifiedDiff';

type Preview = RouteMigratePreviewResponse;

function Section(props: { title: string; children: React.ReactNode }) {
  return (
    <Box mt={2} component="section" aria-label={props.title}>
      <Typography variant="h6" gutterBottom>
        {props.title}
      </Typography>
      {props.children}
    </Box>
  );
}

/** Route N of the IngressRoute (counted from 1), with its rule when known. */
function routeOf(ingressRoute: IngressRouteSummary, index?: number) {
  if (index === undefined) return undefined;
  return { n: index + 1, match: ingressRoute.routes[index]?.match };
}

/** A rule with the part at `position` marked. */
function MarkedRule(props: { match: string; position: number; what: string }) {
  const { before, at, after } = positionMark(
    props.match,
    props.position,
    props.what,
  );
  return (
    <code>
      {before}
      <mark>{at || ' '}</mark>
      {after}
    </code>
  );
}

/** What the conversion cannot carry over, with the reason and where in the rule. */
export function NotConvertible(props: {
  items: Preview['notConvertible'];
  ingressRoute: IngressRouteSummary;
}) {
  if (!props.items.length) return null;
  return (
    <Section title="Not convertible">
      <ul>
        {props.items.map((item, i) => {
          const route = routeOf(props.ingressRoute, item.route);
          return (
            <li key={i}>
              <Typography variant="body2">
                <code>{item.what}</code> — {item.reason}
              </Typography>
              {route && (
                <Typography variant="caption" color="textSecondary">
                  Route {route.n}
                  {item.position !== undefined && `, position ${item.position}`}
                  {route.match && (
                    <>
                      {': '}
                      {item.position !== undefined ? (
                        <MarkedRule
                          match={route.match}
                          position={item.position}
                          what={item.what}
                        />
                      ) : (
                        <code>{route.match}</code>
                      )}
                    </>
                  )}
                </Typography>
              )}
            </li>
          );
        })}
      </ul>
    </Section>
  );
}

/** Differences in meaning the conversion keeps but the user should know. */
export function MigrationNotes(props: {
  notes: Preview['notes'];
  ingressRoute: IngressRouteSummary;
}) {
  if (!props.notes.length) return null;
  return (
    <Section title="Notes">
      <ul>
        {props.notes.map((note, i) => {
          const route = routeOf(props.ingressRoute, note.route);
          return (
            <li key={i}>
              <Typography variant="body2">
                {route && `Route ${route.n}: `}
                {note.note}
              </Typography>
            </li>
          );
        })}
      </ul>
    </Section>
  );
}

/** Each HTTPRoute to create: new or existing, its validation issues and its dry-run diff. */
export function MigratedRoutes(props: { routes: Preview['routes'] }) {
  return (
    <Section title="HTTPRoutes">
      {props.routes.length === 0 && (
        <Typography variant="body2">No HTTPRoute would be created.</Typography>
      )}
      {props.routes.map(r => {
        const id = `${r.namespace}/${r.name}`;
        return (
          <Box key={id} mb={2}>
            <Typography variant="subtitle1">
              {id}{' '}
              <Chip
                size="small"
                label={r.exists ? 'already exists' : 'new'}
                color={r.exists ? 'secondary' : 'default'}
              />
            </Typography>
            {r.issues.length === 0 ? (
              <StatusOK>Valid</StatusOK>
            ) : (
              r.issues.map(issue => (
                <StatusError key={`${issue.path}: ${issue.message}`}>
                  {issue.path}: {issue.message}
                </StatusError>
              ))
            )}
            {r.diff && <UnifiedDiff diff={r.diff} label={`Diff of ${id}`} />}
          </Box>
        );
      })}
    </Section>
  );
}

/** The HTTPRoutes as YAML, as they would be written. */
export function MigrationYaml(props: { yaml: string }) {
  return (
    <Section title="YAML">
      <Box
        component="pre"
        aria-label="HTTPRoute YAML"
        style={{ fontSize: 12, maxHeight: 320, overflow: 'auto', margin: 0 }}
      >
        {props.yaml}
      </Box>
    </Section>
  );
}

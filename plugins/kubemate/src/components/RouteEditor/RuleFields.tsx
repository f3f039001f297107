import type { HttpRouteRuleSpec } from '@kubemate/plugin-kubemate-common';
import { Box, Paper, Typography } from '@material-ui/core';
import {
  appendAt,
  filterOfType,
  hasGatewayParent,
  newMatch,
  optionalText,
  removeAt,
  serviceBackendRef,
  setOptionalField,
  type FieldPath,
} from './draft';
import { BackendRefFields } from './BackendRefFields';
import { FilterFields } from './FilterFields';
import { MatchFields } from './MatchFields';
import { RouteField } from './RouteField';
import { useRouteForm } from './RouteFormContext';
import { AddButton, RemoveButton } from './SectionButtons';

/** One rule: what it matches, where it sends, what it changes on the way, its timeouts. */
export function RuleFields(props: { index: number; rule: HttpRouteRuleSpec }) {
  const { draft, change, cluster } = useRouteForm();
  const { index: r, rule } = props;
  const at: FieldPath = ['spec', 'rules', r];
  const services = cluster.services.filter(
    s => s.namespace === draft.metadata.namespace,
  );
  const backends = rule.backendRefs ?? [];
  const totalWeight = backends.reduce(
    (sum, b) => sum + (Number.isFinite(b.weight ?? 1) ? b.weight ?? 1 : 0),
    0,
  );
  return (
    <Paper variant="outlined" style={{ padding: 12, marginBottom: 12 }}>
      <Box role="group" aria-label={`Rule ${r + 1}`}>
        <Box display="flex" alignItems="center" justifyContent="space-between">
          <Typography variant="subtitle2">Rule {r + 1}</Typography>
          <RemoveButton
            label={`Remove rule ${r + 1}`}
            onClick={() => change(d => removeAt(d, at))}
          />
        </Box>

        <Typography variant="body2" color="textSecondary">
          Matches (any of them; none matches every path)
        </Typography>
        {(rule.matches ?? []).map((match, m) => (
          <MatchFields
            key={m}
            at={[...at, 'matches', m]}
            index={m}
            match={match}
            onRemove={() => change(d => removeAt(d, [...at, 'matches', m]))}
          />
        ))}
        <AddButton
          label="Add match"
          onClick={() =>
            change(d => appendAt(d, [...at, 'matches'], newMatch()))
          }
        />

        <Typography variant="body2" color="textSecondary">
          Backends
        </Typography>
        {backends.map((backend, b) => (
          <BackendRefFields
            key={b}
            at={[...at, 'backendRefs', b]}
            index={b}
            backend={backend}
            totalWeight={totalWeight}
            onRemove={() => change(d => removeAt(d, [...at, 'backendRefs', b]))}
          />
        ))}
        <AddButton
          label="Add backend"
          disabled={services.length === 0}
          onClick={() =>
            change(d =>
              appendAt(
                d,
                [...at, 'backendRefs'],
                serviceBackendRef(services[0]),
              ),
            )
          }
        />

        <Typography variant="body2" color="textSecondary">
          Filters
        </Typography>
        {(rule.filters ?? []).map((filter, f) => (
          <FilterFields
            key={f}
            at={[...at, 'filters', f]}
            index={f}
            filter={filter}
            allowExtensionRef={hasGatewayParent(draft.spec)}
            onRemove={() => change(d => removeAt(d, [...at, 'filters', f]))}
          />
        ))}
        <AddButton
          label="Add filter"
          onClick={() =>
            change(d =>
              appendAt(
                d,
                [...at, 'filters'],
                filterOfType('RequestHeaderModifier'),
              ),
            )
          }
        />

        <Box display="flex" flexWrap="wrap" mt={1}>
          {(['request', 'backendRequest'] as const).map(field => (
            <RouteField
              key={field}
              path={[...at, 'timeouts', field]}
              label={
                field === 'request'
                  ? 'Request timeout'
                  : 'Backend request timeout'
              }
              value={rule.timeouts?.[field]}
              placeholder="e.g. 10s"
              width={220}
              onChange={text =>
                change(d =>
                  setOptionalField(
                    d,
                    [...at, 'timeouts'],
                    field,
                    optionalText(text),
                  ),
                )
              }
            />
          ))}
        </Box>
      </Box>
    </Paper>
  );
}

/** The rules of the route, in order. */
export function RulesSection() {
  const { draft, change } = useRouteForm();
  return (
    <Box component="section" aria-label="Rules" mt={2}>
      <Typography variant="subtitle1">Rules</Typography>
      {(draft.spec.rules ?? []).map((rule, r) => (
        <RuleFields key={r} index={r} rule={rule} />
      ))}
      <AddButton
        label="Add rule"
        onClick={() =>
          change(d => appendAt(d, ['spec', 'rules'], { matches: [newMatch()] }))
        }
      />
    </Box>
  );
}

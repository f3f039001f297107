import {
  httpRouteLimits,
  type HttpBackendRef,
} from '@kubemate/plugin-kubemate-common';
import { Box } from '@material-ui/core';
import { optionalNumber, setIn, type FieldPath } from './draft';
import { RouteField } from './RouteField';
import { useRouteForm } from './RouteFormContext';
import { RemoveButton } from './SectionButtons';

/** A backend of a rule: a Service of the route's namespace, one of its ports, a weight. */
export function BackendRefFields(props: {
  at: FieldPath;
  index: number;
  backend: HttpBackendRef;
  /** The rule's total weight, for the share this backend gets. */
  totalWeight: number;
  onRemove(): void;
}) {
  const { draft, change, cluster } = useRouteForm();
  const { at, backend } = props;
  const services = cluster.services.filter(
    s => s.namespace === (backend.namespace ?? draft.metadata.namespace),
  );
  const service = services.find(s => s.name === backend.name);
  const names = services.map(s => s.name);
  // A backend written outside the form (another kind, a Service we do not see) stays as it is.
  if (!names.includes(backend.name)) names.unshift(backend.name);
  const ports = (service?.ports ?? []).map(p => ({
    value: String(p.port),
    label: `${p.port}${p.name ? ` (${p.name})` : ''}`,
  }));
  if (backend.port === undefined) {
    ports.unshift({ value: '', label: 'Choose…' });
  } else if (!ports.some(p => p.value === String(backend.port))) {
    ports.unshift({ value: String(backend.port), label: String(backend.port) });
  }
  const weight = backend.weight ?? 1;
  const share =
    props.totalWeight > 0 && Number.isFinite(weight)
      ? `${
          Math.round((weight / props.totalWeight) * 1000) / 10
        }% of the rule's traffic`
      : undefined;
  return (
    <Box
      role="group"
      aria-label={`Backend ${props.index + 1}`}
      display="flex"
      alignItems="center"
      flexWrap="wrap"
    >
      <RouteField
        path={[...at, 'name']}
        label="Service"
        value={backend.name}
        width={260}
        options={names.map(n => ({
          value: n,
          label:
            backend.kind && backend.kind !== 'Service' && n === backend.name
              ? `${backend.kind} ${n}`
              : n,
        }))}
        onChange={name => {
          const next = services.find(s => s.name === name);
          change(d => {
            const named = setIn(d, [...at, 'name'], name);
            // Another Service has other ports: take its first unless the current one fits.
            const keep = next?.ports.some(p => p.port === backend.port);
            return next && !keep
              ? setIn(named, [...at, 'port'], next.ports[0]?.port)
              : named;
          });
        }}
      />
      <RouteField
        path={[...at, 'port']}
        label="Port"
        value={backend.port === undefined ? '' : String(backend.port)}
        width={150}
        options={ports}
        onChange={text =>
          change(d => setIn(d, [...at, 'port'], optionalNumber(text)))
        }
      />
      <RouteField
        path={[...at, 'weight']}
        label="Weight"
        type="number"
        value={backend.weight === undefined ? '' : String(backend.weight)}
        placeholder="1"
        width={200}
        hint={
          share ?? `0 to ${httpRouteLimits.maxWeight.toLocaleString('en-US')}`
        }
        onChange={text =>
          change(d => setIn(d, [...at, 'weight'], optionalNumber(text)))
        }
      />
      <RemoveButton
        label={`Remove backend ${props.index + 1}`}
        onClick={props.onRemove}
      />
    </Box>
  );
}

import { setIn } from './draft';
import { RouteField } from './RouteField';
import { useRouteForm } from './RouteFormContext';

/** The route's name and namespace (one of the entity's); fixed when editing. */
export function MetadataSection() {
  const { draft, change, cluster, editing } = useRouteForm();
  const { name, namespace } = draft.metadata;
  const namespaces = cluster.namespaces.includes(namespace)
    ? cluster.namespaces
    : [namespace, ...cluster.namespaces];
  return (
    <div>
      <RouteField
        path={['metadata', 'name']}
        label="Name"
        value={name}
        disabled={editing}
        onChange={text => change(d => setIn(d, ['metadata', 'name'], text))}
      />
      <RouteField
        path={['metadata', 'namespace']}
        label="Namespace"
        value={namespace}
        disabled={editing}
        options={namespaces.map(n => ({ value: n, label: n || 'Choose…' }))}
        onChange={text =>
          change(d => setIn(d, ['metadata', 'namespace'], text))
        }
      />
    </div>
  );
}

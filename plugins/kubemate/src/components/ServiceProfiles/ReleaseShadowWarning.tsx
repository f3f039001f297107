import { parseEntityRef } from '@backstage/catalog-model';
import { ShadowWarning } from './ShadowWarning';
import { useServiceProfilesOf } from './useServiceProfiles';

/**
 * The shadowing warning for a release's Service: a ServiceProfile makes Linkerd ignore the
 * HTTPRoute whose weights the release writes. Advisory: says nothing while loading or when the
 * profiles cannot be read.
 */
export function ReleaseShadowWarning(props: {
  entityRef: string;
  cluster: string;
  namespace: string;
  service: string;
}) {
  const { data } = useServiceProfilesOf(parseEntityRef(props.entityRef));
  const item = data?.items.find(
    i =>
      i.cluster === props.cluster &&
      i.namespace === props.namespace &&
      i.service === props.service,
  );
  if (!item) return null;
  return (
    <ShadowWarning
      namespace={item.namespace}
      service={item.service}
      routes={item.shadowedRoutes}
    />
  );
}

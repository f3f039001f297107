import { WarningPanel } from '@backstage/core-components';

/**
 * Linkerd serves a Service by its ServiceProfile when one exists: the HTTPRoutes with the
 * Service as parent, and any release weights written on them, are ignored.
 */
export function ShadowWarning(props: {
  namespace: string;
  service: string;
  routes: string[];
}) {
  if (!props.routes.length) return null;
  return (
    <WarningPanel
      severity="warning"
      title={`The ServiceProfile of ${props.namespace}/${props.service} shadows its HTTPRoutes`}
      message={`Linkerd serves this Service by its ServiceProfile, so the HTTPRoute${
        props.routes.length > 1 ? 's' : ''
      } ${props.routes.join(
        ', ',
      )} (and a release's weights on them) are ignored until the profile is removed.`}
    />
  );
}

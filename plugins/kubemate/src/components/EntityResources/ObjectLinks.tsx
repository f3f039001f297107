import type { KubeObject } from '@kubemate/plugin-kubemate-common';
import { Link, Typography } from '@material-ui/core';
import { Fragment } from 'react';

/** Opens an object in the detail drawer of the Workloads tab. */
export type OpenObject = (object: KubeObject) => void;

/** A name that opens its object's details; a keyboard-reachable button. */
export function ObjectLink(props: { object: KubeObject; onOpen: OpenObject }) {
  return (
    <Link
      component="button"
      variant="body2"
      onClick={() => props.onOpen(props.object)}
      aria-label={`Open ${props.object.kind} ${props.object.metadata.name}`}
    >
      {props.object.metadata.name}
    </Link>
  );
}

/** Objects as a comma-separated list of links, or `none` in words. */
export function ObjectLinks(props: {
  objects: KubeObject[];
  onOpen: OpenObject;
  none: string;
}) {
  if (props.objects.length === 0) {
    return (
      <Typography variant="body2" color="textSecondary" component="span">
        {props.none}
      </Typography>
    );
  }
  return (
    <span>
      {props.objects.map((o, i) => (
        <Fragment key={o.metadata.uid ?? o.metadata.name}>
          {i > 0 && ', '}
          <ObjectLink object={o} onOpen={props.onOpen} />
        </Fragment>
      ))}
    </span>
  );
}

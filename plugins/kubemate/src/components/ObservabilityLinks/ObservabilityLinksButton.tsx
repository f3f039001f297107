import type { CompoundEntityRef, Entity } from '@backstage/catalog-model';
import type { KubeObject } from '@kubemate/plugin-kubemate-common';
import {
  IconButton,
  ListItemText,
  Menu,
  MenuItem,
  Tooltip,
} from '@material-ui/core';
import TimelineIcon from '@material-ui/icons/Timeline';
import { useState } from 'react';
import { isHttpUrl, useObservabilityLinks } from './useObservabilityLinks';

function LinksMenu(props: {
  entity: Entity | CompoundEntityRef;
  cluster: string;
  object: KubeObject;
  anchor: HTMLElement;
  onClose(): void;
}) {
  const { object } = props;
  const name = object.metadata.name;
  const { data, error, isPending } = useObservabilityLinks(props.entity, {
    cluster: props.cluster,
    namespace: object.metadata.namespace ?? 'default',
    kind: object.kind,
    name,
  });
  const links = (data?.groups ?? [])
    .flatMap(g => g.links)
    .filter(l => isHttpUrl(l.url));
  return (
    <Menu
      open
      anchorEl={props.anchor}
      onClose={props.onClose}
      aria-label={`Dashboards of ${name}`}
    >
      {isPending && <MenuItem disabled>Loading links…</MenuItem>}
      {error && (
        <MenuItem disabled>Links could not be loaded: {error.message}</MenuItem>
      )}
      {data && links.length === 0 && (
        <MenuItem disabled>No dashboards are configured for this</MenuItem>
      )}
      {links.map(link => (
        <MenuItem
          key={`${link.kind}-${link.title}-${link.url}`}
          component="a"
          href={link.url}
          target="_blank"
          rel="noopener noreferrer"
          onClick={props.onClose}
        >
          <ListItemText primary={link.title} secondary={link.kind} />
        </MenuItem>
      ))}
    </Menu>
  );
}

/**
 * A row action: the object's dashboards, queries, logs and traces (the hour before now),
 * fetched when the menu opens.
 */
export function ObservabilityLinksButton(props: {
  entity: Entity | CompoundEntityRef;
  cluster: string;
  object: KubeObject;
}) {
  const [anchor, setAnchor] = useState<HTMLElement | null>(null);
  const label = `Dashboards of ${props.object.metadata.name}`;
  return (
    <>
      <Tooltip title={label}>
        <IconButton
          size="small"
          aria-label={label}
          aria-haspopup="menu"
          onClick={e => setAnchor(e.currentTarget)}
        >
          <TimelineIcon />
        </IconButton>
      </Tooltip>
      {anchor && (
        <LinksMenu
          entity={props.entity}
          cluster={props.cluster}
          object={props.object}
          anchor={anchor}
          onClose={() => setAnchor(null)}
        />
      )}
    </>
  );
}

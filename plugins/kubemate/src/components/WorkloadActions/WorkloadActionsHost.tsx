import type { Entity } from '@backstage/catalog-model';
import type { KubeObject } from '@kubemate/plugin-kubemate-common';
import { createContext, useContext, useState, type ReactNode } from 'react';
import {
  WorkloadActionDialogs,
  type OpenAction,
} from './WorkloadActionDialogs';
import type { PermittedActions } from './usePermittedActions';
import type { useWorkloadAction } from './useWorkloadAction';

type Opened = { cluster: string; object: KubeObject; open: OpenAction };

const OpenContext = createContext<((opened: Opened) => void) | undefined>(
  undefined,
);

/**
 * Holds the one open action dialog of a page. It lives above the tables because their rows are
 * re-rendered on every live update: a dialog kept in a row would be unmounted with it.
 */
export function WorkloadActionsHost(props: {
  entity: Entity;
  permitted: PermittedActions;
  mutation: ReturnType<typeof useWorkloadAction>;
  /** The live version of an object, so an open dialog follows it; the opened copy otherwise. */
  resolve?(cluster: string, uid: string | undefined): KubeObject | undefined;
  children: ReactNode;
}) {
  const [opened, setOpened] = useState<Opened>();
  const object =
    opened &&
    (props.resolve?.(opened.cluster, opened.object.metadata.uid) ??
      opened.object);
  return (
    <OpenContext.Provider value={setOpened}>
      {props.children}
      {opened && object && (
        <WorkloadActionDialogs
          entity={props.entity}
          cluster={opened.cluster}
          object={object}
          open={opened.open}
          permitted={props.permitted}
          mutation={props.mutation}
          onOpen={open => setOpened({ ...opened, open })}
          onClose={() => setOpened(undefined)}
        />
      )}
    </OpenContext.Provider>
  );
}

/** Opens an action dialog in the enclosing {@link WorkloadActionsHost}. */
export function useOpenWorkloadAction() {
  const open = useContext(OpenContext);
  if (!open) {
    throw new Error('Workload actions are used outside a WorkloadActionsHost');
  }
  return open;
}

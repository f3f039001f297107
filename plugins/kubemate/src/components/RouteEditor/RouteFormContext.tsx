import type { ClusterRoutes } from '@kubemate/plugin-kubemate-common';
import { createContext, useContext } from 'react';
import type { RouteDraft } from './draft';

/** What every section of the form reads: the draft, how to change it, the issues per field. */
export type RouteForm = {
  draft: RouteDraft;
  change(update: (draft: RouteDraft) => RouteDraft): void;
  /** Messages of the issues at a field key (`spec.rules[0].matches[0].path.value`). */
  issuesAt(key: string): string[] | undefined;
  cluster: ClusterRoutes;
  /** Editing a stored route: its name and namespace are fixed. */
  editing: boolean;
};

const RouteFormContext = createContext<RouteForm | undefined>(undefined);

export const RouteFormProvider = RouteFormContext.Provider;

export function useRouteForm(): RouteForm {
  const form = useContext(RouteFormContext);
  if (!form) throw new Error('useRouteForm outside of RouteFormProvider');
  return form;
}

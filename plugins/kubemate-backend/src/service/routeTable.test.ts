import { kubemateRoutes } from '@kubemate/plugin-kubemate-common';
import type { Router } from 'express';
import {
  createInspectionRouter,
  type InspectionRouterOptions,
} from '../inspection/router';
import { createRouter, type RouterOptions } from './router';
import { createProbeRouter } from '../probes/probeRoutes';
import type { Probes } from '../probes/Probes';

type Layer = {
  route?: { path: string; methods: Record<string, boolean> };
  handle?: { stack?: Layer[] };
};

/** `METHOD /path` of every route registered on a router, nested routers included. */
function registered(router: Router): string[] {
  const walk = (stack: Layer[]): string[] =>
    stack.flatMap(layer => {
      if (layer.route) {
        return Object.keys(layer.route.methods).map(
          m => `${m.toUpperCase()} ${layer.route!.path}`,
        );
      }
      return layer.handle?.stack ? walk(layer.handle.stack) : [];
    });
  return walk((router as unknown as { stack: Layer[] }).stack);
}

describe('the route table of the contract', () => {
  it('lists exactly the routes the backend routers register', async () => {
    // Registration reads none of the services; the routers are only walked, never called.
    const main = await createRouter({} as RouterOptions);
    const inspection = createInspectionRouter({
      clusters: [],
    } as unknown as InspectionRouterOptions);
    const probes = createProbeRouter({
      httpAuth: {} as never,
      probes: {} as Probes,
    });
    const actual = [
      ...registered(main),
      ...registered(inspection),
      ...registered(probes),
    ].sort();
    const table = Object.values(kubemateRoutes)
      .map(r => `${r.method} ${r.path}`)
      .sort();
    expect(actual).toEqual(table);
  });
});

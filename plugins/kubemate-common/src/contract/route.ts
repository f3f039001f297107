import type { z } from 'zod';

/** A route of `/api/kubemate`: what it takes and what it answers, for routers, clients and docs. */
export interface KubemateRoute {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** Express path under `/api/kubemate`, with `:param`s. */
  path: string;
  /** One line for the API reference. */
  summary: string;
  /** Permission checked, by name. */
  permission?: string;
  params?: z.ZodType;
  query?: z.ZodType;
  body?: z.ZodType;
  /** The JSON answer (its `description` names the type), or the content type of a file/stream. */
  response: z.ZodType | { contentType: string };
}

/** Keeps the literal keys and schemas of a capability's routes while checking their shape. */
export const defineRoutes = <R extends Record<string, KubemateRoute>>(
  routes: R,
): R => routes;

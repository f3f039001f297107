import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import type { ReactNode } from 'react';

// One client for the whole plugin, so every tab and card shares one cache.
const queryClient = new QueryClient({
  defaultOptions: {
    queries: { staleTime: 10_000, retry: 1, refetchOnWindowFocus: false },
  },
});

/** Wraps a Kubemate extension's root so its components can use react-query hooks. */
export function KubemateQueryProvider(props: {
  children: ReactNode;
  client?: QueryClient;
}) {
  return (
    <QueryClientProvider client={props.client ?? queryClient}>
      {props.children}
    </QueryClientProvider>
  );
}

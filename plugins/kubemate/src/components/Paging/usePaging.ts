import { useCallback, useMemo, useState } from 'react';

/** Page state of a server-paged list; changing the page size or the filters goes back to page 1. */
export interface Paging {
  page: number;
  pageSize: number;
  /** `offset` and `limit` for the API call. */
  offset: number;
  limit: number;
  setPage(page: number): void;
  setPageSize(size: number): void;
  /** Back to the first page (after a filter or sort change). Stable across renders. */
  reset(): void;
}

export function usePaging(initialPageSize = 20): Paging {
  const [page, setPage] = useState(0);
  const [pageSize, setSize] = useState(initialPageSize);
  const reset = useCallback(() => setPage(0), []);
  const setPageSize = useCallback((size: number) => {
    setSize(size);
    setPage(0);
  }, []);
  return useMemo(
    () => ({
      page,
      pageSize,
      offset: page * pageSize,
      limit: pageSize,
      setPage,
      setPageSize,
      reset,
    }),
    [page, pageSize, reset, setPageSize],
  );
}

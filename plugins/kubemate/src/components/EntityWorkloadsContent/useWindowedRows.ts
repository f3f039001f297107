import { useCallback, useState, type UIEvent } from 'react';

/**
 * Which rows of a fixed-row-height list are near the viewport. Only those are rendered, so
 * a table of hundreds of pods costs as much as one of a screenful. State changes only when
 * the first visible row changes, so scrolling within a row does not re-render.
 */
export function useWindowedRows(options: {
  count: number;
  rowHeight: number;
  viewportHeight: number;
  /** Rows rendered above and below the viewport, so fast scrolling shows no gaps. */
  overscan: number;
}) {
  const { count, rowHeight, viewportHeight, overscan } = options;
  const [firstVisible, setFirstVisible] = useState(0);
  const onScroll = useCallback(
    (event: UIEvent<HTMLElement>) => {
      const next = Math.floor(event.currentTarget.scrollTop / rowHeight);
      setFirstVisible(previous => (previous === next ? previous : next));
    },
    [rowHeight],
  );
  const visible = Math.ceil(viewportHeight / rowHeight);
  // A filter can shrink the list below the scrolled-to row; clamp instead of rendering nothing.
  const first = Math.min(firstVisible, Math.max(0, count - visible));
  const start = Math.max(0, first - overscan);
  const end = Math.min(count, first + visible + overscan);
  return {
    start,
    end,
    paddingTop: start * rowHeight,
    paddingBottom: (count - end) * rowHeight,
    onScroll,
  };
}

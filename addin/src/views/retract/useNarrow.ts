// Whether an element is narrower than a width, kept current as it resizes: the task pane is about 340 px
// wide, but Outlook lets users widen it, and a table can then show its columns side by side.
import { useCallback, useState } from "react";

/**
 * @example const [ref, narrow] = useNarrow<HTMLDivElement>(560); <div ref={ref}>{narrow ? stacked : columns}</div>
 */
export function useNarrow<T extends HTMLElement>(
  width: number
): [(element: T | null) => (() => void) | undefined, boolean] {
  // Narrow until measured: the pane's usual width.
  const [narrow, setNarrow] = useState(true);
  const ref = useCallback(
    (element: T | null) => {
      if (!element) return undefined;
      const observer = new ResizeObserver(([entry]) => {
        if (entry) setNarrow(entry.contentRect.width < width);
      });
      observer.observe(element);
      return () => observer.disconnect();
    },
    [width]
  );
  return [ref, narrow];
}

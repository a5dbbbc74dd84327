// Tables of the retract view on a card; a wide one scrolls sideways inside a focusable region, so
// keyboard users can scroll it too.
import { makeStyles, mergeClasses, tokens } from "@fluentui/react-components";
import type { ReactNode } from "react";

export const useTableStyles = makeStyles({
  card: {
    backgroundColor: tokens.colorNeutralBackground1,
    borderRadius: tokens.borderRadiusMedium,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  scroller: {
    overflowX: "auto",
    ":focus-visible": { outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}` },
  },
  top: {
    verticalAlign: "top",
    paddingTop: tokens.spacingVerticalXS,
    paddingBottom: tokens.spacingVerticalXS,
  },
});

export function TableScroller({ label, children }: { label: string; children: ReactNode }) {
  const styles = useTableStyles();
  return (
    // A region with a name so the scrollable area is announced; focusable so arrow keys scroll it.
    <div role="region" aria-label={label} tabIndex={0} className={mergeClasses(styles.card, styles.scroller)}>
      {children}
    </div>
  );
}

// The look of a short list of labelled facts (a <dl> of two columns), shared by the item view's cards.
import { makeStyles, tokens } from "@fluentui/react-components";

export const useFactListStyles = makeStyles({
  facts: {
    display: "grid",
    gridTemplateColumns: "max-content 1fr",
    columnGap: tokens.spacingHorizontalM,
    rowGap: tokens.spacingVerticalXS,
    margin: 0,
  },
  value: { margin: 0, overflowWrap: "anywhere" },
});

// The task pane's root: Outlook's theme, the header, and the selected message's summary.
import { FluentProvider, makeStyles, tokens, webDarkTheme, webLightTheme } from "@fluentui/react-components";
import type { SelectedItem } from "../office/selectedItem";
import { Header } from "./Header";
import { ItemSummary } from "./ItemSummary";
import { ErrorNotice } from "./ErrorNotice";

export type AppProps = {
  dark: boolean;
  item: SelectedItem | null;
  /** Why no item could be read (no selection, not in Outlook). */
  itemError: string | null;
};

const useStyles = makeStyles({
  root: {
    minHeight: "100vh",
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalM,
    padding: tokens.spacingHorizontalM,
    boxSizing: "border-box",
    backgroundColor: tokens.colorNeutralBackground2,
  },
});

export function App({ dark, item, itemError }: AppProps) {
  const styles = useStyles();
  return (
    <FluentProvider theme={dark ? webDarkTheme : webLightTheme}>
      <main className={styles.root} aria-label="Retention and holds">
        <Header />
        {item ? <ItemSummary item={item} /> : <ErrorNotice title="No message" message={itemError ?? ""} />}
      </main>
    </FluentProvider>
  );
}

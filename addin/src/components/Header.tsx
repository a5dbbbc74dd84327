// The task pane's title bar.
import { Subtitle1, makeStyles, tokens } from "@fluentui/react-components";

const useStyles = makeStyles({
  header: { display: "flex", alignItems: "center", gap: tokens.spacingHorizontalS },
  logo: { width: "24px", height: "24px" },
});

export function Header() {
  const styles = useStyles();
  return (
    <header className={styles.header}>
      <img className={styles.logo} src="assets/icon-32.png" alt="" />
      <Subtitle1 as="h1">Retention and holds</Subtitle1>
    </header>
  );
}

// The task pane's shell: Outlook's theme, the header, sign-in (GET /api/me), and the views the user's
// roles allow, as tabs. The admin views load on first use, so the first paint stays small.
import { lazy, Suspense, useState } from "react";
import {
  FluentProvider,
  Tab,
  TabList,
  makeStyles,
  tokens,
  webDarkTheme,
  webLightTheme,
} from "@fluentui/react-components";
import type { ApiClient } from "../api/apiClient";
import type { SelectedItem } from "../office/selectedItem";
import { ItemView } from "../views/ItemView";
import type { ViewProps } from "../views/viewProps";
import { ErrorNotice } from "./ErrorNotice";
import { Header } from "./Header";
import { Loading } from "./Loading";
import { useAsync } from "./useAsync";
import { visibleViews, type ViewName } from "./visibleViews";

const HoldsView = lazy(() => import(/* webpackChunkName: "holds" */ "../views/HoldsView"));
const RetractView = lazy(() => import(/* webpackChunkName: "retract" */ "../views/RetractView"));
const AuditView = lazy(() => import(/* webpackChunkName: "audit" */ "../views/AuditView"));

const views: Record<ViewName, { label: string; component: React.ComponentType<ViewProps> }> = {
  item: { label: "Item", component: ItemView },
  holds: { label: "Holds", component: HoldsView },
  retract: { label: "Retract", component: RetractView },
  audit: { label: "Audit", component: AuditView },
};

export type AppProps = {
  dark: boolean;
  /** Null when the page could not start (outside Outlook): then only `startError` is shown. */
  api: ApiClient | null;
  startError: string | null;
  /** The mailbox the task pane is open in. */
  mailbox: string;
  item: SelectedItem | null;
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
    color: tokens.colorNeutralForeground1,
  },
  panel: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM },
});

function SignedIn(props: Omit<AppProps, "dark" | "startError"> & { api: ApiClient }) {
  const styles = useStyles();
  const me = useAsync(() => props.api.me(), "me");
  const [selected, setSelected] = useState<ViewName>("item");
  const [jobId, setJobId] = useState<string | null>(null);
  if (me.status === "loading") return <Loading label="Signing in…" />;
  if (me.status === "failed")
    return <ErrorNotice title="Could not sign in" error={me.error} onRetry={me.retry} />;
  const allowed = visibleViews(me.value.roles);
  const current = allowed.includes(selected) ? selected : "item";
  const View = views[current].component;
  const viewProps: ViewProps = {
    api: props.api,
    me: me.value,
    mailbox: props.mailbox,
    item: props.item,
    itemError: props.itemError,
    jobId,
    openJob: (id) => {
      setJobId(id);
      setSelected("retract");
    },
  };
  return (
    <>
      {allowed.length > 1 ? (
        <TabList
          size="small"
          selectedValue={current}
          onTabSelect={(_event, data) => setSelected(data.value as ViewName)}
          aria-label="Views"
        >
          {allowed.map((name) => (
            <Tab key={name} value={name} id={`tab-${name}`} aria-controls="view-panel">
              {views[name].label}
            </Tab>
          ))}
        </TabList>
      ) : null}
      <section
        id="view-panel"
        className={styles.panel}
        {...(allowed.length > 1
          ? { role: "tabpanel", "aria-labelledby": `tab-${current}` }
          : { "aria-label": views[current].label })}
      >
        <Suspense fallback={<Loading label="Loading…" />}>
          <View {...viewProps} />
        </Suspense>
      </section>
    </>
  );
}

export function App({ dark, api, startError, ...rest }: AppProps) {
  const styles = useStyles();
  return (
    <FluentProvider theme={dark ? webDarkTheme : webLightTheme}>
      <main className={styles.root} aria-label="Retention and holds">
        <Header />
        {api ? (
          <SignedIn api={api} {...rest} />
        ) : (
          <ErrorNotice title="The add-in cannot start" error={startError ?? "Unknown problem."} />
        )}
      </main>
    </FluentProvider>
  );
}

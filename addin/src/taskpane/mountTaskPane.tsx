// Renders the task pane into a container once Office is ready, and re-renders when the selection changes.
// Outlook's task pane page and the local harness both start the add-in through this one function.
import { createRoot } from "react-dom/client";
import { App } from "../components/App";
import { whenOfficeReady } from "../office/officeReady";
import { hostPrefersDark } from "../office/hostTheme";
import { onItemChanged } from "../office/onItemChanged";
import { readSelectedItem, type SelectedItem } from "../office/selectedItem";

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

export async function mountTaskPane(container: HTMLElement): Promise<void> {
  const root = createRoot(container);
  try {
    await whenOfficeReady();
  } catch (err) {
    root.render(<App dark={false} item={null} itemError={errorText(err)} />);
    return;
  }
  const render = () => {
    let item: SelectedItem | null = null;
    let itemError: string | null = null;
    try {
      item = readSelectedItem();
    } catch (err) {
      itemError = errorText(err);
    }
    root.render(<App dark={hostPrefersDark()} item={item} itemError={itemError} />);
  };
  render();
  await onItemChanged(render);
}

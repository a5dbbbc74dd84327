// The harness page: an Outlook-like message list and reading pane, with the real task pane beside it.
// `?theme=dark` shows Outlook's dark theme.
import { installOfficeStandIn } from "./officeStandIn";
import { sampleMessages, type HarnessMessage } from "./sampleMessages";
import { mountTaskPane } from "../src/taskpane/mountTaskPane";

function byId(id: string): HTMLElement {
  const element = document.getElementById(id);
  if (!element) throw new Error(`harness.html lacks #${id}`);
  return element;
}

function showInReadingPane(message: HarnessMessage): void {
  byId("reading-subject").textContent = message.subject;
  byId("reading-from").textContent = `${message.from.displayName} <${message.from.emailAddress}>`;
  byId("reading-body").textContent = message.body;
}

function renderList(onSelect: (message: HarnessMessage) => void): void {
  const list = byId("message-list");
  for (const message of sampleMessages) {
    const button = document.createElement("button");
    button.type = "button";
    button.className = "message";
    button.textContent = `${message.from.displayName}: ${message.subject}`;
    button.addEventListener("click", () => onSelect(message));
    const entry = document.createElement("li");
    entry.append(button);
    list.append(entry);
  }
}

const theme = new URLSearchParams(location.search).get("theme") === "dark" ? "dark" : "light";
document.documentElement.dataset.theme = theme;
const first = sampleMessages[0]!;
const office = installOfficeStandIn(first, theme);
showInReadingPane(first);
renderList((message) => {
  showInReadingPane(message);
  office.select(message);
});
void mountTaskPane(byId("taskpane"));

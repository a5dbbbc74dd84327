// Entry point of the task pane page that Outlook loads (manifest.xml points at taskpane.html).
import { mountTaskPane } from "./mountTaskPane";

const container = document.getElementById("container");
if (container) void mountTaskPane(container);

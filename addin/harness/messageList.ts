// The message list: one button per message (sender, subject, date, and the folder when not the Inbox);
// the selected one carries aria-current, as Outlook marks the open message.
import { formatDateTime } from "../src/format/dates";
import type { MailboxMessage } from "./simMailbox";

export type MessageList = { markSelected(message: MailboxMessage | null): void };

function line(className: string, text: string): HTMLSpanElement {
  const span = document.createElement("span");
  span.className = className;
  span.textContent = text;
  return span;
}

function entryFor(message: MailboxMessage, onSelect: (message: MailboxMessage) => void): HTMLLIElement {
  const button = document.createElement("button");
  button.type = "button";
  button.className = "message";
  button.dataset.internetMessageId = message.internetMessageId;
  button.append(
    line("sender", message.from?.name ?? "(no sender)"),
    line("subject", message.subject || "(no subject)"),
    line(
      "meta",
      [formatDateTime(message.receivedDateTime), message.folder === "Inbox" ? "" : message.folder]
        .filter(Boolean)
        .join(" · ")
    )
  );
  button.addEventListener("click", () => onSelect(message));
  const entry = document.createElement("li");
  entry.append(button);
  return entry;
}

export function renderMessageList(
  list: HTMLElement,
  messages: MailboxMessage[],
  onSelect: (message: MailboxMessage) => void
): MessageList {
  list.replaceChildren(...messages.map((message) => entryFor(message, onSelect)));
  const buttons = [...list.querySelectorAll<HTMLButtonElement>("button.message")];
  return {
    markSelected(message) {
      buttons.forEach((button, index) => {
        if (messages[index] === message) button.setAttribute("aria-current", "true");
        else button.removeAttribute("aria-current");
      });
    },
  };
}

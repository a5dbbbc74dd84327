// The reading pane: the selected message's header fields and body preview, or a notice saying why there
// is no message to show.
import { formatDateTime } from "../src/format/dates";
import type { MailboxMessage, MailboxPerson } from "./simMailbox";

const person = (p: MailboxPerson) =>
  p.name && p.name !== p.address ? `${p.name} <${p.address}>` : p.address;

function field(list: HTMLDListElement, label: string, value: string | Node): void {
  if (value === "") return;
  const term = document.createElement("dt");
  term.textContent = label;
  const detail = document.createElement("dd");
  detail.append(value);
  list.append(term, detail);
}

function received(iso: string): HTMLTimeElement {
  const time = document.createElement("time");
  time.dateTime = iso;
  time.textContent = formatDateTime(iso);
  return time;
}

export function showMessage(pane: HTMLElement, message: MailboxMessage): void {
  const subject = document.createElement("h1");
  subject.className = "reading-subject";
  subject.textContent = message.subject || "(no subject)";
  const fields = document.createElement("dl");
  fields.className = "reading-fields";
  field(fields, "From", message.from ? person(message.from) : "");
  field(fields, "To", message.to.map(person).join("; "));
  field(fields, "Cc", message.cc.map(person).join("; "));
  field(fields, "Received", received(message.receivedDateTime));
  field(fields, "Folder", message.folder);
  field(fields, "Internet Message-ID", message.internetMessageId);
  const body = document.createElement("p");
  body.className = "reading-body";
  body.textContent = message.bodyPreview;
  pane.replaceChildren(subject, fields, body);
}

export function showNotice(pane: HTMLElement, title: string, text: string): void {
  const heading = document.createElement("h1");
  heading.className = "reading-subject";
  heading.textContent = title;
  const paragraph = document.createElement("p");
  paragraph.className = "notice";
  paragraph.textContent = text;
  pane.replaceChildren(heading, paragraph);
}

// Counted nouns, the same everywhere in the task pane: "1 mailbox", "7 copies".

export const mailboxes = (n: number) => `${n} ${n === 1 ? "mailbox" : "mailboxes"}`;
export const copies = (n: number) => `${n} ${n === 1 ? "copy" : "copies"}`;

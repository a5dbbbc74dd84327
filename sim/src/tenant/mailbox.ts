// One Exchange Online mailbox: its folders and the copies of messages in them, with Exchange's move and
// delete semantics (a moved item gets a new id; deleted items go to Recoverable Items, not away).
import { exchangeId } from "../ids.js";
import type { MailboxFixture } from "../fixtures/schema.js";
import { standardFolders, type FolderKind } from "./folders.js";
import { conversationId } from "./threading.js";

export type Recipient = { name: string; address: string };

/** What every copy of one sent message shares. */
export type MessageDefinition = {
  internetMessageId: string;
  subject: string;
  from: Recipient;
  to: Recipient[];
  cc: Recipient[];
  bcc: Recipient[];
  sentAt: number;
  body: string;
  importance: "low" | "normal" | "high";
  inReplyTo: string | undefined;
  references: string[];
  conversationIndex: Buffer;
  threadGuid: string;
};

export type Folder = {
  id: string;
  displayName: string;
  wellKnownName: string | undefined;
  parentId: string | null;
  kind: FolderKind;
  retentionTag: string | undefined;
};

export type StoredMessage = {
  id: string;
  definition: MessageDefinition;
  folderId: string;
  isRead: boolean;
  receivedAt: number;
  createdAt: number;
  modifiedAt: number;
  changeCount: number;
  personalTag: string | undefined;
  retentionLabel: string | undefined;
  /** The sender's own copy, the only one that shows Bcc recipients. */
  senderCopy: boolean;
};

export type MailboxOwner = { id: string; userPrincipalName: string; displayName: string; mail: string };

/** Get-Mailbox's settings, instants resolved to ISO strings. */
export type MailboxSettings = Omit<
  MailboxFixture,
  "folders" | "LitigationHoldDate" | "StartDateForRetentionHold" | "EndDateForRetentionHold"
> & {
  LitigationHoldDate: string | null;
  StartDateForRetentionHold: string | null;
  EndDateForRetentionHold: string | null;
};

export type DeliveryOptions = {
  folder: Folder;
  isRead: boolean;
  receivedAt: number;
  personalTag?: string | undefined;
  retentionLabel?: string | undefined;
  senderCopy: boolean;
};

export class Mailbox {
  readonly folders = new Map<string, Folder>();
  readonly messages = new Map<string, StoredMessage>();
  private readonly wellKnown = new Map<string, Folder>();
  private sequence = 0;

  constructor(
    readonly owner: MailboxOwner,
    readonly exchangeGuid: string,
    readonly settings: MailboxSettings,
    readonly createdAt: number
  ) {
    for (const standard of standardFolders) {
      const parent = standard.parent ? this.wellKnown.get(standard.parent)!.id : null;
      const folder = this.addFolder(standard.displayName, parent, standard.kind, standard.wellKnownName);
      this.wellKnown.set(standard.wellKnownName, folder);
    }
  }

  addFolder(displayName: string, parentId: string | null, kind: FolderKind, wellKnownName?: string): Folder {
    const id = exchangeId("folder", this.exchangeGuid, this.folders.size);
    const folder: Folder = { id, displayName, wellKnownName, parentId, kind, retentionTag: undefined };
    this.folders.set(id, folder);
    return folder;
  }

  /** A folder by id, well-known name (case-insensitive) or, for fixtures, display name. */
  folder(reference: string): Folder | undefined {
    return (
      this.folders.get(reference) ??
      this.wellKnown.get(reference.toLowerCase()) ??
      [...this.folders.values()].find((f) => f.displayName.toLowerCase() === reference.toLowerCase())
    );
  }

  wellKnownFolder(name: string): Folder {
    const folder = this.wellKnown.get(name);
    if (!folder) throw new Error(`no well-known folder ${name}`);
    return folder;
  }

  childFolders(parentId: string): Folder[] {
    return [...this.folders.values()].filter((f) => f.parentId === parentId);
  }

  conversationIdOf(message: StoredMessage): string {
    return conversationId(this.exchangeGuid, message.definition.threadGuid);
  }

  deliver(definition: MessageDefinition, options: DeliveryOptions): StoredMessage {
    const message: StoredMessage = {
      id: this.nextId(),
      definition,
      folderId: options.folder.id,
      isRead: options.isRead,
      receivedAt: options.receivedAt,
      createdAt: options.receivedAt,
      modifiedAt: options.receivedAt,
      changeCount: 0,
      personalTag: options.personalTag,
      retentionLabel: options.retentionLabel,
      senderCopy: options.senderCopy,
    };
    this.messages.set(message.id, message);
    return message;
  }

  /** Moves a copy to `destination`; like Exchange, the moved copy has a new id and the old one is gone. */
  move(message: StoredMessage, destination: Folder, now: number): StoredMessage {
    this.messages.delete(message.id);
    const moved: StoredMessage = {
      ...message,
      id: this.nextId(),
      folderId: destination.id,
      modifiedAt: now,
      changeCount: message.changeCount + 1,
    };
    this.messages.set(moved.id, moved);
    return moved;
  }

  /** Copies in the given folders, or in the whole IPM subtree (what `/messages` lists) when none given. */
  messagesIn(folderIds?: ReadonlySet<string>): StoredMessage[] {
    const wanted = (m: StoredMessage) =>
      folderIds ? folderIds.has(m.folderId) : this.folders.get(m.folderId)?.kind === "ipm";
    return [...this.messages.values()].filter(wanted);
  }

  private nextId(): string {
    return exchangeId("item", this.exchangeGuid, this.sequence++);
  }
}

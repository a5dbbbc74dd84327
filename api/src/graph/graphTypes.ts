// The shapes the Graph gateway returns: Graph's own resource types (from @microsoft/microsoft-graph-types)
// narrowed to the properties the API asks for, plus the request ids every call yields.
import type {
  Domain,
  Group,
  InternetMessageHeader,
  MailFolder,
  Message,
  User,
} from "@microsoft/microsoft-graph-types";
import type { RetentionProperties } from "./retentionProperties.js";

/** A read's result and the `request-id` of every Graph request it took (one per page). */
export type GraphReply<T> = { value: T; requestIds: string[] };

export type GraphUser = Pick<User, "displayName" | "mail" | "userPrincipalName" | "proxyAddresses"> & {
  id: string;
};

export type GraphGroup = Pick<
  Group,
  "displayName" | "mail" | "proxyAddresses" | "groupTypes" | "mailEnabled" | "securityEnabled"
> & { id: string };

/** What an SMTP address belongs to in the directory. */
export type DirectoryRecipient = ({ kind: "user" } & GraphUser) | ({ kind: "group" } & GraphGroup);

/** A member of a group, nested groups flattened (transitiveMembers). */
export type GroupMember = {
  kind: "user" | "group" | "other";
  /** e.g. "#microsoft.graph.orgContact" for kind "other". */
  odataType: string;
  id: string;
  displayName?: string | null;
  mail?: string | null;
  userPrincipalName?: string | null;
};

export type GraphDomain = Pick<
  Domain,
  "isVerified" | "isDefault" | "isInitial" | "isRoot" | "supportedServices" | "authenticationType"
> & { id: string };

export type MessageCopy = Pick<
  Message,
  | "parentFolderId"
  | "receivedDateTime"
  | "isRead"
  | "subject"
  | "from"
  | "toRecipients"
  | "ccRecipients"
  | "bccRecipients"
  | "sentDateTime"
  | "conversationId"
  | "internetMessageId"
> & {
  id: string;
  /** Present when asked for (findCopies with retentionProperties). */
  retention?: RetentionProperties;
};

export type ConversationMessage = MessageCopy &
  Pick<Message, "sentDateTime" | "conversationIndex" | "isDraft"> & {
    internetMessageHeaders: InternetMessageHeader[];
  };

export type GraphMailFolder = Pick<
  MailFolder,
  "displayName" | "parentFolderId" | "childFolderCount" | "totalItemCount" | "unreadItemCount" | "isHidden"
> & { id: string };

export type MoveResult = {
  /** The moved copy's new id (a move creates a new item). */
  id: string;
  parentFolderId?: string | null;
  requestId: string;
};

/** `gone`: Graph answered 404 ErrorItemNotFound: the item was not there any more (already moved or deleted). */
export type PermanentDeleteResult = { gone: boolean; requestId: string };

export type BatchRequest = {
  id: string;
  method: "GET" | "POST" | "PATCH" | "DELETE";
  /** Relative to the Graph version: "/users/a%40b.c/messages/ID/move". */
  url: string;
  headers?: Record<string, string>;
  body?: unknown;
  dependsOn?: string[];
};

export type BatchResponse = {
  id: string;
  status: number;
  /** Header names in lower case. */
  headers: Record<string, string>;
  body?: unknown;
  requestId?: string;
};

/** Sub-responses in the order the requests were given; `requestId` is the $batch request's own. */
export type BatchResult = { responses: BatchResponse[]; requestId: string };

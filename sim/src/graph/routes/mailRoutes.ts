// Graph's mail routes on a user's mailbox: messages (list, get, delete, move, permanentDelete) and
// mail folders, with Exchange's semantics for where moved and deleted copies go.
import { GraphError } from "../graphError.js";
import { listResult, project } from "../listing.js";
import { propertiesRead, type Expr } from "../odata/filterSyntax.js";
import { parseQueryOptions, type Expand, type QueryOptions } from "../odata/queryOptions.js";
import { matchesFilter } from "../odata/evaluateFilter.js";
import { folderResource, folderSpec } from "../resources/folder.js";
import { messageResource, messageSpec } from "../resources/message.js";
import { route, type GraphContext, type GraphRequest, type GraphResult, type Route } from "../request.js";
import { undocumentedFolderNames, unreachableFolderNames } from "../../tenant/folders.js";
import type { Folder, Mailbox, StoredMessage } from "../../tenant/mailbox.js";
import { isConversationId } from "../../tenant/threading.js";
import type { User } from "../../tenant/tenant.js";

const malformed = () => new GraphError(400, "ErrorInvalidIdMalformed", "Id is malformed.");
/** Graph's documented well-known folder names: one the mailbox lacks is "not found", not malformed. */
const documentedFolderNames = new Set([
  "archive",
  "clutter",
  "conflicts",
  "conversationhistory",
  "deleteditems",
  "drafts",
  "inbox",
  "junkemail",
  "localfailures",
  "msgfolderroot",
  "outbox",
  "recoverableitemsdeletions",
  "scheduled",
  "searchfolders",
  "sentitems",
  "serverfailures",
  "syncissues",
]);
const folderNotFound = () =>
  new GraphError(404, "ErrorFolderNotFound", "The specified folder could not be found in the store.");
const itemNotFound = () =>
  new GraphError(404, "ErrorItemNotFound", "The specified object was not found in the store.");

function folderOf(ctx: GraphContext, mailbox: Mailbox, reference: string): Folder {
  const lower = reference.toLowerCase();
  if (ctx.settings.undocumentedFolders === "deny" && undocumentedFolderNames.has(lower)) throw malformed();
  const folder =
    mailbox.folders.get(reference) ?? (/^[a-z]+$/.test(lower) ? mailbox.folder(lower) : undefined);
  if (folder && (folder.wellKnownName === lower || folder.id === reference)) return folder;
  if (documentedFolderNames.has(lower)) throw folderNotFound();
  if (/^AAMk[A-Za-z0-9+/=_-]{20,}$/.test(reference)) throw itemNotFound();
  throw malformed();
}

function messageOf(mailbox: Mailbox, id: string, inFolder?: Folder): StoredMessage {
  if (!/^[A-Za-z0-9+/=_-]{20,}$/.test(id)) throw malformed();
  const message = mailbox.messages.get(id);
  const folder = message && mailbox.folders.get(message.folderId);
  // Purged and held copies are beyond reach by id: only eDiscovery sees them.
  if (!message || !folder || (folder.wellKnownName && unreachableFolderNames.has(folder.wellKnownName)))
    throw itemNotFound();
  if (inFolder && message.folderId !== inFolder.id) throw itemNotFound();
  return message;
}

/** Graph accepts only `id eq '...'` (joined by or) inside $expand=singleValueExtendedProperties($filter=...). */
function checkExtendedPropertyFilter(expr: Expr | undefined): void {
  const ok = (e: Expr): boolean =>
    (e.kind === "logical" && e.op === "or" && ok(e.left) && ok(e.right)) ||
    (e.kind === "compare" &&
      e.op === "eq" &&
      e.left.kind === "path" &&
      e.left.segments.join("/") === "id" &&
      e.right.kind === "literal");
  if (!expr || !ok(expr))
    throw new GraphError(
      400,
      "ErrorInvalidRequest",
      "singleValueExtendedProperties can only be expanded with $filter=id eq '{id}' (several joined by or)."
    );
}

/** A conversationId filter with something that is not a conversation id fails like Exchange's. */
function checkConversationIds(expr: Expr | undefined): void {
  if (!expr) return;
  if (expr.kind === "logical") return [expr.left, expr.right].forEach(checkConversationIds);
  if (expr.kind === "not") return checkConversationIds(expr.operand);
  if (
    expr.kind === "compare" &&
    expr.left.kind === "path" &&
    expr.left.segments[0] === "conversationId" &&
    expr.right.kind === "literal"
  )
    if (!isConversationId(String(expr.right.value))) throw malformed();
}

/** Outlook sorts a filtered list only when the $orderby property comes first in the $filter. */
function checkFilterOrder({ filter, orderBy }: QueryOptions): void {
  if (filter && orderBy && propertiesRead(filter)[0] !== orderBy.property)
    throw new GraphError(
      400,
      "InefficientFilter",
      "The restriction or sort order is too complex for this operation."
    );
}

function withExpansions(
  full: Record<string, unknown>,
  projected: Record<string, unknown>,
  expand: Expand[]
): void {
  for (const item of expand) {
    checkExtendedPropertyFilter(item.filter);
    const props = full.singleValueExtendedProperties as Record<string, unknown>[];
    projected.singleValueExtendedProperties = props.filter((p) => matchesFilter(item.filter!, p));
  }
}

function listMessages(
  ctx: GraphContext,
  req: GraphRequest,
  owner: User,
  folder: Folder | undefined
): GraphResult {
  const mailbox = owner.mailbox!;
  const options = parseQueryOptions(req.query, messageSpec);
  checkConversationIds(options.filter);
  checkFilterOrder(options);
  options.expand.forEach((e) => checkExtendedPropertyFilter(e.filter));
  const copies = mailbox.messagesIn(folder ? new Set([folder.id]) : undefined);
  const items = copies
    .map((m) => messageResource(ctx.tenant, mailbox, m, ctx.origin))
    .sort((a, b) => String(b.receivedDateTime).localeCompare(String(a.receivedDateTime)));
  return listResult({
    ctx,
    req,
    items,
    spec: messageSpec,
    options,
    paging: "skip",
    context: `users('${owner.userPrincipalName}')/messages`,
    decorate: (full, projected) => withExpansions(full, projected, options.expand),
  });
}

function getMessage(
  ctx: GraphContext,
  req: GraphRequest,
  owner: User,
  id: string,
  folder?: Folder
): GraphResult {
  const mailbox = owner.mailbox!;
  const message = messageOf(mailbox, id, folder);
  const options = parseQueryOptions(req.query, messageSpec);
  const full = messageResource(ctx.tenant, mailbox, message, ctx.origin);
  const projected = project(full, messageSpec, options.select);
  withExpansions(full, projected, options.expand);
  return {
    status: 200,
    body: {
      "@odata.context": `${ctx.origin}/v1.0/$metadata#users('${owner.userPrincipalName}')/messages/$entity`,
      ...projected,
    },
  };
}

function moveTo(
  ctx: GraphContext,
  owner: User,
  message: StoredMessage,
  destination: Folder,
  operation: string
): StoredMessage {
  const mailbox = owner.mailbox!;
  const from = mailbox.folders.get(message.folderId)!;
  const moved = mailbox.move(message, destination, ctx.now);
  ctx.tenant.record(
    {
      appId: ctx.caller.appId,
      mailbox: owner.userPrincipalName,
      operation,
      internetMessageId: message.definition.internetMessageId,
      from: from.displayName,
      to: destination.displayName,
    },
    ctx.now
  );
  return moved;
}

function deleteMessage(ctx: GraphContext, owner: User, id: string, folder?: Folder): GraphResult {
  const mailbox = owner.mailbox!;
  const message = messageOf(mailbox, id, folder);
  const deletions = mailbox.wellKnownFolder("recoverableitemsdeletions");
  if (message.folderId === deletions.id)
    throw new GraphError(400, "ErrorCannotDeleteObject", "Object cannot be deleted.");
  moveTo(ctx, owner, message, mailbox.wellKnownFolder(ctx.settings.deleteDestination), "delete");
  return { status: 204 };
}

function permanentDelete(ctx: GraphContext, owner: User, id: string, folder?: Folder): GraphResult {
  const mailbox = owner.mailbox!;
  moveTo(
    ctx,
    owner,
    messageOf(mailbox, id, folder),
    mailbox.wellKnownFolder("recoverableitemspurges"),
    "permanentDelete"
  );
  return { status: 204 };
}

function move(ctx: GraphContext, req: GraphRequest, owner: User, id: string, folder?: Folder): GraphResult {
  const mailbox = owner.mailbox!;
  const message = messageOf(mailbox, id, folder);
  const destinationId = (req.body as { destinationId?: unknown } | undefined)?.destinationId;
  if (typeof destinationId !== "string" || destinationId === "")
    throw new GraphError(400, "ErrorInvalidRequest", "The request body must contain a destinationId.");
  const destination = folderOf(ctx, mailbox, destinationId);
  const moved = moveTo(ctx, owner, message, destination, "move");
  return {
    status: 201,
    body: {
      "@odata.context": `${ctx.origin}/v1.0/$metadata#users('${owner.userPrincipalName}')/messages/$entity`,
      ...project(messageResource(ctx.tenant, mailbox, moved, ctx.origin), messageSpec, undefined),
    },
  };
}

const mail = (
  method: Route["method"],
  path: string,
  permission: Route["permission"],
  handle: Route["handle"]
) => route(method, path, permission, handle, true);

export const mailRoutes: Route[] = [
  mail("GET", "/users/:user/messages", "mailRead", (ctx, req, _p, owner) =>
    listMessages(ctx, req, owner!, undefined)
  ),
  mail("GET", "/users/:user/messages/:message", "mailRead", (ctx, req, p, owner) =>
    getMessage(ctx, req, owner!, p.message!)
  ),
  mail("DELETE", "/users/:user/messages/:message", "mailWrite", (ctx, _req, p, owner) =>
    deleteMessage(ctx, owner!, p.message!)
  ),
  mail("POST", "/users/:user/messages/:message/move", "mailWrite", (ctx, req, p, owner) =>
    move(ctx, req, owner!, p.message!)
  ),
  mail("POST", "/users/:user/messages/:message/permanentDelete", "mailWrite", (ctx, _req, p, owner) =>
    permanentDelete(ctx, owner!, p.message!)
  ),
  mail("GET", "/users/:user/mailFolders", "mailRead", (ctx, req, _p, owner) => {
    const mailbox = owner!.mailbox!;
    const top = mailbox.childFolders(mailbox.wellKnownFolder("msgfolderroot").id);
    return listResult({
      ctx,
      req,
      items: top.map((f) => folderResource(mailbox, f)),
      spec: folderSpec,
      options: parseQueryOptions(req.query, folderSpec),
      paging: "skip",
      context: `users('${owner!.userPrincipalName}')/mailFolders`,
    });
  }),
  mail("GET", "/users/:user/mailFolders/:folder", "mailRead", (ctx, req, p, owner) => {
    const mailbox = owner!.mailbox!;
    const folder = folderOf(ctx, mailbox, p.folder!);
    return {
      status: 200,
      body: {
        "@odata.context": `${ctx.origin}/v1.0/$metadata#users('${owner!.userPrincipalName}')/mailFolders/$entity`,
        ...project(
          folderResource(mailbox, folder),
          folderSpec,
          parseQueryOptions(req.query, folderSpec).select
        ),
      },
    };
  }),
  mail("GET", "/users/:user/mailFolders/:folder/childFolders", "mailRead", (ctx, req, p, owner) => {
    const mailbox = owner!.mailbox!;
    const children = mailbox.childFolders(folderOf(ctx, mailbox, p.folder!).id);
    return listResult({
      ctx,
      req,
      items: children.map((f) => folderResource(mailbox, f)),
      spec: folderSpec,
      options: parseQueryOptions(req.query, folderSpec),
      paging: "skip",
      context: `users('${owner!.userPrincipalName}')/mailFolders`,
    });
  }),
  mail("GET", "/users/:user/mailFolders/:folder/messages", "mailRead", (ctx, req, p, owner) =>
    listMessages(ctx, req, owner!, folderOf(ctx, owner!.mailbox!, p.folder!))
  ),
  mail("GET", "/users/:user/mailFolders/:folder/messages/:message", "mailRead", (ctx, req, p, owner) =>
    getMessage(ctx, req, owner!, p.message!, folderOf(ctx, owner!.mailbox!, p.folder!))
  ),
  mail("DELETE", "/users/:user/mailFolders/:folder/messages/:message", "mailWrite", (ctx, _req, p, owner) =>
    deleteMessage(ctx, owner!, p.message!, folderOf(ctx, owner!.mailbox!, p.folder!))
  ),
  mail("POST", "/users/:user/mailFolders/:folder/messages/:message/move", "mailWrite", (ctx, req, p, owner) =>
    move(ctx, req, owner!, p.message!, folderOf(ctx, owner!.mailbox!, p.folder!))
  ),
  mail(
    "POST",
    "/users/:user/mailFolders/:folder/messages/:message/permanentDelete",
    "mailWrite",
    (ctx, _req, p, owner) =>
      permanentDelete(ctx, owner!, p.message!, folderOf(ctx, owner!.mailbox!, p.folder!))
  ),
];

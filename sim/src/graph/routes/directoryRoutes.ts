// Graph's directory routes: /domains, /users, /groups and group membership.
import { GraphError } from "../graphError.js";
import { listResult, project } from "../listing.js";
import type { Expr } from "../odata/filterSyntax.js";
import { parseQueryOptions, type QueryOptions, type ResourceSpec } from "../odata/queryOptions.js";
import {
  domainResources,
  domainSpec,
  groupResource,
  groupSpec,
  memberSpec,
  userResource,
  userSpec,
} from "../resources/directory.js";
import { route, type GraphContext, type GraphRequest, type Route } from "../request.js";
import type { DirectoryObject, Group } from "../../tenant/tenant.js";

const notFound = (id: string) =>
  new GraphError(
    404,
    "Request_ResourceNotFound",
    `Resource '${id}' does not exist or one of its queried reference-property objects are not present.`
  );

const callsEndsWith = (e: Expr): boolean =>
  (e.kind === "call" && (e.name === "endswith" || e.args.some(callsEndsWith))) ||
  (e.kind === "logical" && (callsEndsWith(e.left) || callsEndsWith(e.right))) ||
  (e.kind === "compare" && (callsEndsWith(e.left) || callsEndsWith(e.right))) ||
  (e.kind === "not" && callsEndsWith(e.operand)) ||
  (e.kind === "lambda" && callsEndsWith(e.body));

/**
 * A collection's query options. endsWith on directory objects is an advanced query: Graph refuses it
 * without the header `ConsistencyLevel: eventual` and `$count=true`.
 */
function listOptions(req: GraphRequest, spec: ResourceSpec): QueryOptions {
  const options = parseQueryOptions(req.query, spec);
  if (options.filter && callsEndsWith(options.filter)) {
    if (String(req.headers.consistencylevel ?? "").toLowerCase() !== "eventual")
      throw new GraphError(
        400,
        "Request_UnsupportedQuery",
        "Operator 'endsWith' is not supported because the 'ConsistencyLevel:eventual' header is missing. Refer to https://aka.ms/graph-docs/advanced-queries for more information"
      );
    if (!options.count) throw new GraphError(400, "Request_UnsupportedQuery", "Unsupported Query.");
  }
  return options;
}

function findGroup(ctx: GraphContext, id: string): Group {
  const group = ctx.tenant.groupsById.get(id.toLowerCase());
  if (!group) throw notFound(id);
  return group;
}

function typed(object: DirectoryObject): Record<string, unknown> {
  return object.kind === "user"
    ? { "@odata.type": "#microsoft.graph.user", ...userResource(object) }
    : { "@odata.type": "#microsoft.graph.group", ...groupResource(object) };
}

export const directoryRoutes: Route[] = [
  route("GET", "/domains", "domainRead", (ctx, req) =>
    listResult({
      ctx,
      req,
      items: domainResources(ctx.tenant),
      spec: domainSpec,
      options: listOptions(req, domainSpec),
      paging: "skiptoken",
      context: "domains",
    })
  ),
  route("GET", "/domains/:domain", "domainRead", (ctx, req, { domain }) => {
    const found = domainResources(ctx.tenant).find(
      (d) => String(d.id).toLowerCase() === domain!.toLowerCase()
    );
    if (!found) throw notFound(domain!);
    return {
      status: 200,
      body: {
        "@odata.context": `${ctx.origin}/v1.0/$metadata#domains/$entity`,
        ...project(found, domainSpec, parseQueryOptions(req.query, domainSpec).select),
      },
    };
  }),
  route("GET", "/users", "directoryRead", (ctx, req) =>
    listResult({
      ctx,
      req,
      items: ctx.tenant.users.map(userResource),
      spec: userSpec,
      options: listOptions(req, userSpec),
      paging: "skiptoken",
      context: "users",
    })
  ),
  route("GET", "/users/:user", "directoryRead", (ctx, req, { user }) => {
    const found = ctx.tenant.user(user!);
    if (!found) throw notFound(user!);
    return {
      status: 200,
      body: {
        "@odata.context": `${ctx.origin}/v1.0/$metadata#users/$entity`,
        ...project(userResource(found), userSpec, parseQueryOptions(req.query, userSpec).select),
      },
    };
  }),
  route("GET", "/groups", "groupRead", (ctx, req) =>
    listResult({
      ctx,
      req,
      items: ctx.tenant.groups.map(groupResource),
      spec: groupSpec,
      options: listOptions(req, groupSpec),
      paging: "skiptoken",
      context: "groups",
    })
  ),
  route("GET", "/groups/:group", "groupRead", (ctx, req, { group }) => {
    const found = findGroup(ctx, group!);
    return {
      status: 200,
      body: {
        "@odata.context": `${ctx.origin}/v1.0/$metadata#groups/$entity`,
        ...project(groupResource(found), groupSpec, parseQueryOptions(req.query, groupSpec).select),
      },
    };
  }),
  route("GET", "/groups/:group/members", "groupRead", (ctx, req, { group }) =>
    listResult({
      ctx,
      req,
      items: findGroup(ctx, group!).members.map(typed),
      spec: memberSpec,
      options: listOptions(req, memberSpec),
      paging: "skiptoken",
      context: "directoryObjects",
    })
  ),
  route("GET", "/groups/:group/transitiveMembers", "groupRead", (ctx, req, { group }) =>
    listResult({
      ctx,
      req,
      items: ctx.tenant.transitiveMembers(findGroup(ctx, group!)).map(typed),
      spec: memberSpec,
      options: listOptions(req, memberSpec),
      paging: "skiptoken",
      context: "directoryObjects",
    })
  ),
];

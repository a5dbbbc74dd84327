// Express middleware for identity and access: `authenticate` turns the bearer token into a principal,
// `authorize(operation)` applies the access rule (roles, or ownership of the mailbox concerned).
import type { NextFunction, Request, Response } from "express";
import { AppError } from "../errors.js";
import { accessRules, type Operation } from "./accessRules.js";
import type { Principal } from "./principal.js";
import type { TokenValidator } from "./tokenValidator.js";

export function principalOf(res: Response): Principal {
  const principal = res.locals.principal as Principal | undefined;
  if (!principal) throw new Error("authorize() used without authenticate()");
  return principal;
}

export function authenticate(validate: TokenValidator) {
  return async (req: Request, res: Response, next: NextFunction) => {
    try {
      res.locals.principal = await validate(req.headers.authorization);
      next();
    } catch (err) {
      if (err instanceof AppError && err.status === 401)
        res.setHeader("WWW-Authenticate", 'Bearer error="invalid_token"');
      next(err);
    }
  };
}

/** Whether the principal holds one of the roles the operation names. */
export function holdsRoleFor(principal: Principal, operation: Operation): boolean {
  return accessRules[operation].roles.some((role) => principal.roles.has(role));
}

/**
 * Lets the request through when the principal holds a role for the operation. Operations open to the
 * mailbox's owner pass role-less users on; the handler must then call `requireOwnerOrRole` once it knows
 * the mailbox's object id.
 */
export function authorize(operation: Operation) {
  const rule = accessRules[operation];
  return (_req: Request, res: Response, next: NextFunction) => {
    const principal = principalOf(res);
    if (holdsRoleFor(principal, operation) || ("mailboxOwner" in rule && rule.mailboxOwner)) return next();
    next(new AppError(403, "FORBIDDEN", `This needs one of these roles: ${rule.roles.join(", ")}.`));
  };
}

/** For owner-or-role operations: refuses a role-less user unless the mailbox is their own. */
export function requireOwnerOrRole(
  principal: Principal,
  operation: Operation,
  mailboxObjectId: string
): void {
  if (holdsRoleFor(principal, operation)) return;
  if (mailboxObjectId.toLowerCase() === principal.objectId) return;
  throw new AppError(403, "NOT_YOUR_MAILBOX", "You can only see items of your own mailbox.");
}

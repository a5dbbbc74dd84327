// Hands what Exchange said to the rules. The rules validate their input; a value they cannot read came
// from Exchange, not from the caller, so it is answered as an unexpected upstream answer naming the
// field, never as a 500 or a guess.
import type { ExchangeFolderStatistics } from "../exchange/exchangeTypes.js";
import { AppError } from "../errors.js";
import { explain } from "../rules/explain.js";
import type { Explanation } from "../rules/explanation.js";
import { RulesInputError } from "../rules/exchangeValues.js";
import { describeMailboxHolds } from "../rules/mailboxHolds.js";
import type { MailboxHolds } from "../rules/mailboxHoldsSchema.js";
import type { MailboxState } from "./mailboxState.js";

function fromExchange<T>(compute: () => T): T {
  try {
    return compute();
  } catch (err) {
    if (!(err instanceof RulesInputError)) throw err;
    throw new AppError(
      502,
      "UPSTREAM_UNEXPECTED",
      `Exchange returned a value this product cannot read (${err.message}), so it cannot say what happens to the item.`
    );
  }
}

/** The rules' explanation of a scenario built from Exchange's data. */
export function explainRulesInput(scenario: unknown): Explanation {
  return fromExchange(() => explain(scenario));
}

/** The mailbox's holds decoded, as of `asOf`; `recoverableItemsFolders` null when not read. */
export function holdsAsOf(
  state: MailboxState,
  asOf: string,
  recoverableItemsFolders: ExchangeFolderStatistics[] | null
): MailboxHolds {
  return fromExchange(() =>
    describeMailboxHolds({
      asOf,
      mailbox: state.mailbox,
      organization: { InPlaceHolds: state.organizationHolds },
      inPlaceHoldDetails: state.holdDetails,
      recoverableItemsFolders,
    })
  );
}

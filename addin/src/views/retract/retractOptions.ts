// The choices that shape a plan (how far to follow the conversation, soft or hard, the sweep), and
// whether a preview still matches them: a plan previewed with other choices must not be submitted.
import type { PreviewRequest } from "../../api/apiTypes";

export type RetractMode = PreviewRequest["mode"];
export type RetractOptions = { conversationDepth: number; mode: RetractMode; sweep: boolean };

export const defaultOptions: RetractOptions = { conversationDepth: 0, mode: "soft", sweep: false };

/** The depth choices, 0 to 3 (the API's maximum), with what each adds. */
export const depthChoices: readonly { value: number; text: string }[] = [
  { value: 0, text: "0: the message's recipients only" },
  { value: 1, text: "1: also forwards and replies they sent" },
  { value: 2, text: "2: and forwards and replies of those" },
  { value: 3, text: "3: three steps out" },
];

export function sameOptions(a: RetractOptions, b: RetractOptions): boolean {
  return a.conversationDepth === b.conversationDepth && a.mode === b.mode && a.sweep === b.sweep;
}

/** The preview request for the message in `mailbox` with `options`. */
export function previewRequest(
  internetMessageId: string,
  mailbox: string,
  options: RetractOptions
): PreviewRequest {
  return { internetMessageId, mailbox, ...options };
}

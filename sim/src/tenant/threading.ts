// Exchange's conversation fields: the binary conversation index (shared by every message of a thread,
// one 5-byte block longer per reply or forward) and the mailbox-specific conversationId built from the
// mailbox GUID and the thread's GUID.
import { guidFrom } from "../ids.js";

const filetimeEpochOffsetMs = 11_644_473_600_000n;

function filetime(ms: number): bigint {
  return (BigInt(ms) + filetimeEpochOffsetMs) * 10_000n;
}

/** The PidTagConversationIndex header block of a thread started at `startedAt`. */
export function rootConversationIndex(threadGuid: string, startedAt: number): Buffer {
  const header = Buffer.alloc(22);
  header[0] = 0x01;
  const time = Buffer.alloc(8);
  time.writeBigUInt64BE(filetime(startedAt));
  time.copy(header, 1, 0, 5);
  Buffer.from(threadGuid.replace(/-/g, ""), "hex").copy(header, 6);
  return header;
}

/** A reply's or forward's index: its parent's plus a 5-byte child block encoding the time delta. */
export function childConversationIndex(parent: Buffer, parentAt: number, at: number): Buffer {
  const delta = filetime(Math.max(at, parentAt)) - filetime(parentAt);
  const block = Buffer.alloc(5);
  block.writeUInt32BE(Number((delta >> 18n) & 0x7fffffffn), 0);
  block[4] = 0x10;
  return Buffer.concat([parent, block]);
}

/** The thread GUID inside a conversation index (bytes 6–21). */
export function threadGuidOf(index: Buffer): string {
  const hex = index.subarray(6, 22).toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export function threadGuidFor(rootInternetMessageId: string): string {
  return guidFrom(`thread:${rootInternetMessageId.toLowerCase()}`);
}

/**
 * A mailbox's conversationId for a thread: 00 04 | 24 00 | mailbox GUID (36 ASCII chars) | 00 | 10 00 |
 * thread GUID, base64url with padding, like the ids Graph returns.
 */
export function conversationId(mailboxGuid: string, threadGuid: string): string {
  const bytes = Buffer.concat([
    Buffer.from([0x00, 0x04, 0x24, 0x00]),
    Buffer.from(mailboxGuid, "ascii"),
    Buffer.from([0x00, 0x10, 0x00]),
    Buffer.from(threadGuid.replace(/-/g, ""), "hex"),
  ]);
  const text = bytes.toString("base64url");
  return text + "=".repeat((4 - (text.length % 4)) % 4);
}

/** True when `value` has the layout of a conversationId (not, say, a message id). */
export function isConversationId(value: string): boolean {
  if (!/^[A-Za-z0-9_-]+=*$/.test(value)) return false;
  const bytes = Buffer.from(value.replace(/=+$/, ""), "base64url");
  return (
    bytes.length === 59 && bytes[0] === 0x00 && bytes[1] === 0x04 && bytes[2] === 0x24 && bytes[40] === 0x00
  );
}

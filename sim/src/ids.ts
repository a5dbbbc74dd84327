// Deterministic identifiers in the formats Microsoft uses, derived from a seed so that the same fixture
// always yields the same ids (tests and bookmarks keep working across restarts).
import { createHash } from "node:crypto";

function digest(seed: string): Buffer {
  return createHash("sha256").update(seed).digest();
}

/** A GUID (lower-case, dashed) derived from `seed`. */
export function guidFrom(seed: string): string {
  const hex = digest(seed).subarray(0, 16).toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** The 16 bytes of a GUID in .NET's little-endian layout (how Exchange stores PR_POLICY_TAG). */
export function guidBytesLe(guid: string): Buffer {
  const hex = guid.replace(/[{}-]/g, "");
  const bytes = Buffer.from(hex, "hex");
  const swap = (start: number, length: number) => bytes.subarray(start, start + length).reverse();
  swap(0, 4);
  swap(4, 2);
  swap(6, 2);
  return bytes;
}

/**
 * An Exchange REST id for the `sequence`-th item or folder of a mailbox: standard base64 that, like
 * Graph's, may contain `+`, `/` and `=`, so clients must percent-encode it as a path segment. Built
 * from the mailbox GUID without hashing, because a large tenant creates millions of them.
 */
export function exchangeId(kind: "item" | "folder", mailboxGuid: string, sequence: number): string {
  const bytes = Buffer.alloc(37);
  Buffer.from(mailboxGuid.replace(/-/g, ""), "hex").copy(bytes, 0);
  bytes.writeUInt32BE(sequence, 16);
  bytes[20] = kind === "item" ? 0x07 : 0x01;
  // Spread the sequence over the tail so consecutive ids do not share a long common suffix.
  for (let i = 21; i < 37; i++) bytes[i] = (bytes[i - 21]! * 31 + sequence * 7 + i) & 0xff;
  return `AAMkAGI${kind === "item" ? "2" : "1"}${bytes.toString("base64")}`;
}

export function base64url(bytes: Buffer | string): string {
  return Buffer.from(bytes).toString("base64url");
}

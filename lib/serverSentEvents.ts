// Reads a Server-Sent Events stream whose data is JSON: the retraction progress stream, read by the
// retract command and by the add-in (which cannot use EventSource: it must send a bearer token).

export type StreamEvent = { event: string; data: unknown };

/**
 * Splits Server-Sent Events text into the complete events and what is left for the next chunk.
 * Comments (keep-alives) and events without data are dropped; data is JSON.
 * @example readEvents("event: end\ndata: {}\n\nevent: ta") // → { events: [{ event: "end", data: {} }], rest: "event: ta" }
 */
export function readEvents(buffered: string): { events: StreamEvent[]; rest: string } {
  const blocks = buffered.split(/\r?\n\r?\n/);
  const rest = blocks.pop() ?? "";
  const events: StreamEvent[] = [];
  for (const block of blocks) {
    let event = "message";
    const data: string[] = [];
    for (const line of block.split(/\r?\n/)) {
      if (line === "" || line.startsWith(":")) continue;
      const colon = line.indexOf(":");
      const field = colon < 0 ? line : line.slice(0, colon);
      const value = colon < 0 ? "" : line.slice(colon + 1).replace(/^ /, "");
      if (field === "event") event = value;
      else if (field === "data") data.push(value);
    }
    if (data.length > 0) events.push({ event, data: JSON.parse(data.join("\n")) as unknown });
  }
  return { events, rest };
}

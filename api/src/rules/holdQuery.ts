// Decides whether an item matches an In-Place or eDiscovery hold's keyword query (KQL). Supports what
// hold queries commonly use: words, "phrases", prefix*, AND/OR/NOT (and -word), parentheses, and
// subject:/body: restrictions. Anything else is answered "unknown" rather than guessed.

export type QueryMatch = boolean | "unknown";

type Token = {
  type: "word" | "phrase" | "and" | "or" | "not" | "open" | "close";
  value: string;
  field?: string;
};

class Unsupported extends Error {}

function tokenize(query: string): Token[] {
  const tokens: Token[] = [];
  const pattern = /\s*(?:(\()|(\))|(-)?(?:(\w+):)?(?:"([^"]*)"|([^\s()"]+)))/gy;
  let match: RegExpExecArray | null;
  let consumed = 0;
  while ((match = pattern.exec(query)) !== null && match[0].length > 0) {
    consumed = pattern.lastIndex;
    const [, open, close, minus, field, phrase, word] = match;
    if (open) tokens.push({ type: "open", value: "(" });
    else if (close) tokens.push({ type: "close", value: ")" });
    else {
      if (minus) tokens.push({ type: "not", value: "-" });
      const upper = word?.toUpperCase();
      if (!field && !minus && (upper === "AND" || upper === "OR" || upper === "NOT")) {
        tokens.push({ type: upper.toLowerCase() as Token["type"], value: upper });
      } else {
        const lowered = field?.toLowerCase();
        if (lowered && lowered !== "subject" && lowered !== "body") throw new Unsupported(field);
        // Comparisons (sent>=…), proximity operators and inner wildcards are beyond this matcher.
        if (
          word !== undefined &&
          (!/^[\p{L}\p{N}_.'@-]+\*?$/u.test(word) || /^(NEAR|ONEAR|XOR)\b/.test(word))
        ) {
          throw new Unsupported(word);
        }
        tokens.push({
          type: phrase !== undefined ? "phrase" : "word",
          value: phrase ?? word ?? "",
          field: lowered,
        });
      }
    }
  }
  if (query.slice(consumed).trim()) throw new Unsupported(query.slice(consumed));
  return tokens;
}

const words = (text: string) => text.toLowerCase().match(/[\p{L}\p{N}_]+/gu) ?? [];

function termMatches(token: Token, subject: string, body: string): boolean {
  const haystacks = token.field === "subject" ? [subject] : token.field === "body" ? [body] : [subject, body];
  const needle = words(token.value);
  if (needle.length === 0) throw new Unsupported(token.value);
  const prefix = token.type === "word" && token.value.endsWith("*");
  return haystacks.some((text) => {
    const hay = words(text);
    for (let start = 0; start + needle.length <= hay.length; start++) {
      const all = needle.every((part, offset) => {
        const candidate = hay[start + offset]!;
        return prefix && offset === needle.length - 1 ? candidate.startsWith(part) : candidate === part;
      });
      if (all) return true;
    }
    return false;
  });
}

function evaluate(tokens: Token[], subject: string, body: string): boolean {
  let position = 0;
  const peek = () => tokens[position];
  const orExpression = (): boolean => {
    let value = andExpression();
    while (peek()?.type === "or") {
      position++;
      value = andExpression() || value;
    }
    return value;
  };
  const andExpression = (): boolean => {
    let value = unary();
    while (peek() && peek()!.type !== "or" && peek()!.type !== "close") {
      if (peek()!.type === "and") position++;
      value = unary() && value;
    }
    return value;
  };
  const unary = (): boolean => {
    const token = tokens[position++];
    if (!token) throw new Unsupported("an operator without its operand");
    if (token.type === "not") return !unary();
    if (token.type === "open") {
      const value = orExpression();
      if (tokens[position++]?.type !== "close") throw new Unsupported("unbalanced parentheses");
      return value;
    }
    if (token.type === "word" || token.type === "phrase") return termMatches(token, subject, body);
    throw new Unsupported(token.value);
  };
  const value = orExpression();
  if (position !== tokens.length) throw new Unsupported("unbalanced parentheses");
  return value;
}

/**
 * Whether an item with this subject and body matches a hold query; an empty query matches everything.
 * @example matchesHoldQuery("Invoice", "Invoice 42", "") // → true
 * @example matchesHoldQuery("sent>=2020-01-01", "Hi", "") // → "unknown"
 */
export function matchesHoldQuery(
  query: string | null | undefined,
  subject: string,
  body: string
): QueryMatch {
  if (!query?.trim()) return true;
  try {
    return evaluate(tokenize(query), subject, body);
  } catch (err) {
    if (err instanceof Unsupported) return "unknown";
    throw err;
  }
}

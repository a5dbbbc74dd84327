// A parser for the OData $filter subset Graph supports on the resources sim serves: comparisons,
// and/or/not, parentheses, string literals with doubled quotes, startswith/endswith/contains, and
// lambda operators (`proxyAddresses/any(x:x eq 'smtp:a@contoso.com')`).

export type Expr =
  | { kind: "logical"; op: "and" | "or"; left: Expr; right: Expr }
  | { kind: "not"; operand: Expr }
  | { kind: "compare"; op: ComparisonOp; left: Expr; right: Expr }
  | { kind: "literal"; value: string | number | boolean | null }
  | { kind: "path"; segments: string[] }
  | { kind: "lambda"; collection: string[]; quantifier: "any" | "all"; variable: string; body: Expr }
  | { kind: "call"; name: "startswith" | "endswith" | "contains"; args: Expr[] };

export type ComparisonOp = "eq" | "ne" | "gt" | "ge" | "lt" | "le";

/** A $filter that does not parse; Graph answers 400 BadRequest "Invalid filter clause". */
export class FilterSyntaxError extends Error {}

type Token =
  | { type: "string"; value: string; at: number }
  | { type: "number"; value: number; at: number }
  | { type: "datetime"; value: string; at: number }
  | { type: "word"; value: string; at: number }
  | { type: "punct"; value: "(" | ")" | "," | ":" | "/"; at: number };

const comparisonOps = new Set(["eq", "ne", "gt", "ge", "lt", "le"]);
const functions = new Set(["startswith", "endswith", "contains"]);

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (/\s/.test(c)) {
      i++;
    } else if (c === "'") {
      let value = "";
      let j = i + 1;
      for (;;) {
        if (j >= text.length) throw new FilterSyntaxError(`unterminated string literal at position ${i}`);
        if (text[j] === "'") {
          if (text[j + 1] === "'") {
            value += "'";
            j += 2;
            continue;
          }
          break;
        }
        value += text[j++];
      }
      tokens.push({ type: "string", value, at: i });
      i = j + 1;
    } else if ("(),:/".includes(c)) {
      tokens.push({ type: "punct", value: c as "(" | ")" | "," | ":" | "/", at: i });
      i++;
    } else {
      const datetime = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})/.exec(
        text.slice(i)
      );
      const number = /^-?\d+(\.\d+)?(?![\w-])/.exec(text.slice(i));
      const word = /^[A-Za-z_@$][\w.@$]*/.exec(text.slice(i));
      if (datetime) {
        tokens.push({ type: "datetime", value: datetime[0], at: i });
        i += datetime[0].length;
      } else if (number) {
        tokens.push({ type: "number", value: Number(number[0]), at: i });
        i += number[0].length;
      } else if (word) {
        tokens.push({ type: "word", value: word[0], at: i });
        i += word[0].length;
      } else {
        throw new FilterSyntaxError(`character '${c}' is not valid at position ${i}`);
      }
    }
  }
  return tokens;
}

/**
 * Parses a $filter expression.
 * @example parseFilter("mail eq 'a@contoso.com'") // → { kind: "compare", op: "eq", ... }
 * @throws FilterSyntaxError with the position of the problem
 */
export function parseFilter(text: string): Expr {
  const tokens = tokenize(text);
  let index = 0;
  const peek = () => tokens[index];
  const isWord = (value: string) => {
    const t = peek();
    return t?.type === "word" && t.value.toLowerCase() === value;
  };
  const expectPunct = (value: string) => {
    const t = tokens[index];
    if (t?.type !== "punct" || t.value !== value)
      throw new FilterSyntaxError(`'${value}' expected at position ${t?.at ?? text.length}`);
    index++;
  };

  const parseOr = (): Expr => {
    let left = parseAnd();
    while (isWord("or")) {
      index++;
      left = { kind: "logical", op: "or", left, right: parseAnd() };
    }
    return left;
  };
  const parseAnd = (): Expr => {
    let left = parseNot();
    while (isWord("and")) {
      index++;
      left = { kind: "logical", op: "and", left, right: parseNot() };
    }
    return left;
  };
  const parseNot = (): Expr => {
    if (isWord("not")) {
      index++;
      return { kind: "not", operand: parseNot() };
    }
    return parseComparison();
  };
  const parseComparison = (): Expr => {
    const left = parsePrimary();
    const t = peek();
    if (t?.type === "word" && comparisonOps.has(t.value.toLowerCase())) {
      index++;
      return { kind: "compare", op: t.value.toLowerCase() as ComparisonOp, left, right: parsePrimary() };
    }
    return left;
  };
  const parsePrimary = (): Expr => {
    const t = tokens[index++];
    if (!t) throw new FilterSyntaxError(`expression expected at position ${text.length}`);
    if (t.type === "punct" && t.value === "(") {
      const inner = parseOr();
      expectPunct(")");
      return inner;
    }
    if (t.type === "string") return { kind: "literal", value: t.value };
    if (t.type === "number") return { kind: "literal", value: t.value };
    if (t.type === "datetime") return { kind: "literal", value: t.value };
    if (t.type !== "word") throw new FilterSyntaxError(`unexpected '${t.value}' at position ${t.at}`);
    const lower = t.value.toLowerCase();
    if (lower === "true" || lower === "false") return { kind: "literal", value: lower === "true" };
    if (lower === "null") return { kind: "literal", value: null };
    if (["and", "or", "not", ...comparisonOps].includes(lower))
      throw new FilterSyntaxError(`unexpected '${t.value}' at position ${t.at}`);
    if (functions.has(lower) && peek()?.type === "punct" && peek()!.value === "(") {
      index++;
      const args = [parseOr()];
      while (peek()?.type === "punct" && peek()!.value === ",") {
        index++;
        args.push(parseOr());
      }
      expectPunct(")");
      if (args.length !== 2) throw new FilterSyntaxError(`${lower} takes 2 arguments`);
      return { kind: "call", name: lower as "startswith", args };
    }
    const segments = [t.value];
    while (peek()?.type === "punct" && peek()!.value === "/") {
      index++;
      const next = tokens[index++];
      if (next?.type !== "word")
        throw new FilterSyntaxError(`property name expected at position ${next?.at ?? text.length}`);
      const quantifier = next.value.toLowerCase();
      if (
        (quantifier === "any" || quantifier === "all") &&
        peek()?.type === "punct" &&
        peek()!.value === "("
      ) {
        index++;
        const variable = tokens[index++];
        if (variable?.type !== "word")
          throw new FilterSyntaxError(`lambda variable expected at position ${variable?.at ?? text.length}`);
        expectPunct(":");
        const body = parseOr();
        expectPunct(")");
        return { kind: "lambda", collection: segments, quantifier, variable: variable.value, body };
      }
      segments.push(next.value);
    }
    return { kind: "path", segments };
  };

  const expr = parseOr();
  if (index < tokens.length)
    throw new FilterSyntaxError(`unexpected '${tokens[index]!.value}' at position ${tokens[index]!.at}`);
  return expr;
}

/** The top-level property names an expression reads (lambda variables excluded). */
export function propertiesRead(expr: Expr, variables: ReadonlySet<string> = new Set()): string[] {
  switch (expr.kind) {
    case "logical":
    case "compare":
      return [...propertiesRead(expr.left, variables), ...propertiesRead(expr.right, variables)];
    case "not":
      return propertiesRead(expr.operand, variables);
    case "call":
      return expr.args.flatMap((a) => propertiesRead(a, variables));
    case "path":
      return variables.has(expr.segments[0]!) ? [] : [expr.segments[0]!];
    case "lambda":
      return [expr.collection[0]!, ...propertiesRead(expr.body, new Set([...variables, expr.variable]))];
    case "literal":
      return [];
  }
}

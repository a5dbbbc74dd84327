// `npm run retract -- --message-id ID --mailbox UPN --reason TEXT [...]`: a retraction from the command
// line, through the same API the add-in calls. It previews first and prints the plan; with --preview it
// stops there. Otherwise it includes the retractable mailboxes (or those of --include), asks unless
// --yes, submits, and follows the job's progress until it ends (or says who must approve it). Exit 0:
// done (or previewed, or waiting for approval); 1: some mailbox failed, the API refused, or it cannot be
// reached; 2: bad arguments, no token, or no --yes when not interactive. docs/api.md has examples.
import { randomUUID } from "node:crypto";
import { createInterface } from "node:readline";
import { request, type Dispatcher } from "undici";
import { devCaAgent } from "../../../lib/devCaAgent.js";
import { runMain } from "../../../lib/runMain.js";
import { loadApiConfig } from "../config.js";
import type { JobDetailView, Progress, TargetView } from "../retraction/jobView.js";
import type { Plan } from "../retraction/plan/buildPlan.js";
import {
  acceptedText,
  apiErrorText,
  approvalText,
  confirmQuestion,
  exitCodeFor,
  finalText,
  includedMailboxes,
  parseRetractArgs,
  planText,
  plural,
  progressLine,
  retractUsage,
  targetLine,
  UsageError,
  wantsHelp,
  type Accepted,
  type RetractArgs,
} from "./retractText.js";
import { readEvents, type StreamEvent } from "../../../lib/serverSentEvents.js";
import { signInUser } from "./signIn.js";

type Api = { base: string; token: string; dispatcher: Dispatcher };
type Print = (text: string) => void;

/** API_TOKEN, or (against sim only) the --as user signed in as `npm run token` does. */
async function apiToken(args: RetractArgs, dispatcher: Dispatcher): Promise<string> {
  const fromEnv = process.env.API_TOKEN?.trim();
  if (fromEnv) return fromEnv;
  if (process.env.AUTHORITY_HOST && args.as)
    throw new UsageError("--as signs in through sim only; AUTHORITY_HOST is set, so set API_TOKEN instead.");
  if (!args.as)
    throw new UsageError(
      "No token: set API_TOKEN to a token for the API (API_TOKEN=$(npm run -s token -- admin@contoso.com)) or, with sim, pass --as UPN."
    );
  return signInUser(loadApiConfig(), dispatcher, args.as);
}

function apiBase(): string {
  const url = process.env.API_URL?.trim() || `http://localhost:${loadApiConfig().API_PORT}`;
  return url.replace(/\/+$/, "");
}

async function send(api: Api, method: "GET" | "POST", path: string, body?: unknown, key?: string) {
  const headers: Record<string, string> = { authorization: `Bearer ${api.token}` };
  if (body !== undefined) headers["content-type"] = "application/json";
  if (key) headers["idempotency-key"] = key;
  try {
    return await request(`${api.base}${path}`, {
      method,
      dispatcher: api.dispatcher,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (err) {
    const reason = (err as { code?: string }).code ?? (err as Error).message;
    throw new Error(
      `Cannot reach the API at ${api.base} (${reason}): start it with \`npm start\`, or set API_URL to where it runs.`,
      { cause: err }
    );
  }
}

/** The JSON answer; an error answer becomes `CODE: message` (exit 1). */
async function call<T>(api: Api, method: "GET" | "POST", path: string, body?: unknown, key?: string) {
  const response = await send(api, method, path, body, key);
  const text = await response.body.text();
  if (response.statusCode >= 400) throw new Error(apiErrorText(response.statusCode, text));
  return JSON.parse(text) as T;
}

async function* jobEvents(api: Api, path: string): AsyncGenerator<StreamEvent> {
  const response = await send(api, "GET", path);
  if (response.statusCode !== 200)
    throw new Error(apiErrorText(response.statusCode, await response.body.text()));
  response.body.setEncoding("utf8");
  let buffered = "";
  for await (const chunk of response.body as AsyncIterable<string>) {
    const { events, rest } = readEvents(buffered + chunk);
    buffered = rest;
    yield* events;
  }
}

/** Prints each target's change and the progress until the stream's "end" event. */
async function follow(api: Api, accepted: Accepted, print: Print): Promise<void> {
  const shown = new Map<string, string>();
  for await (const { event, data } of jobEvents(api, accepted.links.events)) {
    if (event === "end") return;
    if (event === "snapshot") {
      for (const target of (data as JobDetailView).targets) shown.set(target.mailbox, targetLine(target));
    } else if (event === "target") {
      const target = data as TargetView;
      const line = targetLine(target);
      if (shown.get(target.mailbox) !== line) print(line);
      shown.set(target.mailbox, line);
    } else if (event === "progress") {
      print(progressLine(data as { status: string; progress: Progress }));
    }
  }
  throw new Error(
    `The progress stream closed before retraction ${accepted.id} ended; GET ${accepted.links.self} shows where it is.`
  );
}

/** Asks on the terminal; anything but y or yes (or Ctrl-C, Ctrl-D) is a no. */
function confirm(question: string): Promise<boolean> {
  const prompt = createInterface({ input: process.stdin, output: process.stderr });
  return new Promise((resolve) => {
    prompt.once("close", () => resolve(false));
    prompt.once("SIGINT", () => prompt.close());
    prompt.question(question, (answer) => {
      resolve(/^y(es)?$/i.test(answer.trim()));
      prompt.close();
    });
  });
}

async function retract(api: Api, args: RetractArgs, print: Print): Promise<number> {
  const json = (value: unknown) => print(JSON.stringify(value, null, 2));
  const text = (line: string) => (args.json ? undefined : print(line));
  const wanted = {
    internetMessageId: args.internetMessageId,
    mailbox: args.mailbox,
    conversationDepth: args.conversationDepth,
    mode: args.mode,
  };
  const plan = await call<Plan>(api, "POST", "/api/retractions/preview", wanted);
  if (args.preview) {
    if (args.json) json(plan);
    else print(planText(plan));
    return 0;
  }
  text(planText(plan));
  const include = includedMailboxes(plan, args.include);
  // With --json the plan was not printed: show it beside the question, away from the JSON output.
  if (!args.yes && args.json) console.error(planText(plan));
  if (!args.yes && !(await confirm(confirmQuestion(include.length, args.mode)))) {
    console.error("Cancelled: nothing was retracted.");
    return 1;
  }
  text(`Submitting a ${args.mode} retraction of ${plural(include.length, "mailbox", "mailboxes")}.`);
  const body = { ...wanted, reason: args.reason, include };
  const accepted = await call<Accepted>(api, "POST", "/api/retractions", body, randomUUID());
  text(acceptedText(accepted));
  if (accepted.status !== "awaitingApproval") await follow(api, accepted, text);
  const job = await call<JobDetailView>(api, "GET", accepted.links.self);
  if (args.json) json(job);
  else print(job.status === "awaitingApproval" ? approvalText(job) : finalText(job));
  return job.status === "awaitingApproval" ? 0 : exitCodeFor(job.status);
}

runMain(async () => {
  const argv = process.argv.slice(2);
  if (wantsHelp(argv)) {
    console.log(retractUsage);
    return;
  }
  const args = parseRetractArgs(argv);
  if (!args.preview && !args.yes && !process.stdin.isTTY)
    throw new UsageError("Standard input is not a terminal: pass --yes to confirm when not interactive.");
  const dispatcher = devCaAgent();
  try {
    const api = { base: apiBase(), token: await apiToken(args, dispatcher), dispatcher };
    process.exitCode = await retract(api, args, (line) => console.log(line));
  } finally {
    await dispatcher.destroy();
  }
});

// Measures what a page of the production build makes the browser download before anything else: the
// scripts its HTML names (the chunks loaded later on demand, like the admin views, are not counted).
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";

export type ScriptSize = { file: string; bytes: number; gzipBytes: number };

/** The local scripts an HTML page loads, in order (external ones such as Office.js are not ours). */
export function scriptsOf(html: string): string[] {
  // A minified page may leave attribute values unquoted.
  return [...html.matchAll(/<script\b[^>]*?\bsrc=(?:"([^"]+)"|'([^']+)'|([^\s>]+))/g)]
    .map((match) => (match[1] ?? match[2] ?? match[3])!)
    .filter((src) => !/^(https?:)?\/\//.test(src));
}

/** Sizes of the scripts `page` (e.g. "taskpane.html") loads from `dir`, raw and gzip-compressed. */
export function initialScripts(dir: string, page: string): ScriptSize[] {
  const html = readFileSync(join(dir, page), "utf8");
  return scriptsOf(html).map((src) => {
    const content = readFileSync(join(dir, src.replace(/^\.?\//, "")));
    return { file: src, bytes: content.length, gzipBytes: gzipSync(content, { level: 9 }).length };
  });
}

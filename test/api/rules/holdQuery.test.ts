import assert from "node:assert/strict";
import { matchesHoldQuery } from "../../../api/src/rules/holdQuery.js";

describe("matchesHoldQuery", () => {
  const cases: [string | null, string, string, boolean | "unknown"][] = [
    [null, "anything", "", true],
    ["", "anything", "", true],
    ["Invoice", "Invoice 42", "", true],
    ["invoice", "INVOICE 42", "", true],
    ["invoice", "Re: invoices", "", false],
    ["invoice*", "Re: invoices", "", true],
    ["invoice", "Hello", "the invoice is attached", true],
    ['"invoice 42"', "Invoice 42", "", true],
    ['"invoice 43"', "Invoice 42", "", false],
    ["invoice payroll", "Invoice", "", false],
    ["invoice AND payroll", "Invoice", "payroll", true],
    ["invoice OR payroll", "x", "payroll", true],
    ["invoice NOT draft", "Invoice draft", "", false],
    ["invoice -draft", "Invoice final", "", true],
    ["subject:invoice", "Hello", "invoice", false],
    ["body:invoice", "Hello", "invoice", true],
    ["(invoice OR receipt) AND 2024", "Receipt 2024", "", true],
    ["sent>=2020-01-01", "Invoice", "", "unknown"],
    ["from:ann@contoso.com", "Invoice", "", "unknown"],
    ["invoice NEAR(3) payment", "Invoice", "", "unknown"],
    ["(invoice", "Invoice", "", "unknown"],
    ["invoice AND", "Invoice", "", "unknown"],
  ];
  for (const [query, subject, body, expected] of cases) {
    it(`${JSON.stringify(query)} on "${subject}" / "${body}" → ${expected}`, () => {
      assert.equal(matchesHoldQuery(query, subject, body), expected);
    });
  }
});

// CSV encoding (RFC 4180) that is also safe to open in a spreadsheet: a cell that a spreadsheet would
// run as a formula is written as text instead (OWASP "CSV injection").

/**
 * Starts of a cell that Excel, LibreOffice or Google Sheets may run as a formula: the list OWASP's CSV
 * injection guidance gives (https://owasp.org/www-community/attacks/CSV_Injection).
 */
const formulaStart = /^[=+\-@\t\r]/;
/** A cell with any of these must be quoted, its quotes doubled (RFC 4180 section 2, rules 5 to 7). */
const needsQuotes = /[",\r\n]/;

/**
 * One cell: prefixed with a single quote when it starts like a formula, then quoted when it holds a
 * comma, a double quote or a line break.
 * @example csvCell('=HYPERLINK("http://x")') // "\"'=HYPERLINK(\"\"http://x\"\")\""
 */
export function csvCell(value: string): string {
  const text = formulaStart.test(value) ? `'${value}` : value;
  return needsQuotes.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/**
 * One line of cells, ended by CRLF as RFC 4180 asks.
 * @example csvLine(["seq", "action"]) // "seq,action\r\n"
 */
export function csvLine(cells: readonly string[]): string {
  return `${cells.map(csvCell).join(",")}\r\n`;
}

/** Characters that make a spreadsheet read text as a formula (OWASP CSV injection list). */
const formulaStarts = new Set(["=", "+", "-", "@", "\t", "\r"]);
// XML 1.0 forbids these; a single one makes the whole workbook unreadable.
const xmlInvalid = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/;
const xmlInvalidAll = new RegExp(xmlInvalid.source, "g");
/** Excel's limit on characters in a cell. */
export const maxCellText = 32_767;

/**
 * Makes untrusted text safe for a spreadsheet cell: a leading `= + - @ tab CR` is prefixed with `'`
 * (so it stays text), XML-invalid control characters are dropped, and it is cut to Excel's limit.
 * @example
 * neutraliseText("=HYPERLINK(\"http://evil\")") // "'=HYPERLINK(\"http://evil\")"
 */
export const neutraliseText = (text: string): string => {
  let s = xmlInvalid.test(text) ? text.replace(xmlInvalidAll, "") : text;
  if (s.length > 0 && formulaStarts.has(s[0] as string)) s = `'${s}`;
  return s.length > maxCellText ? s.slice(0, maxCellText) : s;
};

/** Sizes and colours of the PDF report (points and hex colours). */
export const pdfStyle = {
  margin: 36,
  footerHeight: 22,
  rowHeight: 15,
  headerRowHeight: 20,
  fontSize: 8.5,
  headerFontSize: 7.5,
  cellPadding: 5,
  text: "#1f2937",
  muted: "#64748b",
  accent: "#2563eb",
  headerFill: "#1e293b",
  headerText: "#f8fafc",
  stripe: "#f3f6fa",
  groupFill: "#e8eefc",
  subtotalFill: "#eef2f6",
  totalFill: "#dbe4f3",
  rule: "#cbd5e1",
  chartColors: ["#2563eb", "#f59e0b", "#10b981", "#ef4444", "#8b5cf6", "#0ea5e9"],
} as const;

/** Registered font names. */
export const pdfFonts = { regular: "spoc-regular", bold: "spoc-bold" } as const;

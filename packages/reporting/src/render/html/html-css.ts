import type { HtmlTheme } from "./html-theme";

/** The report's whole stylesheet, from a theme already checked by `resolveTheme`. */
export const htmlCss = (t: HtmlTheme): string => `
*{box-sizing:border-box}
html{background:${t.background}}
body{margin:0;padding:32px 16px;font-family:${t.fontFamily};color:${t.text};font-size:14px;line-height:1.45;-webkit-font-smoothing:antialiased}
.report{max-width:1120px;margin:0 auto;display:flex;flex-direction:column;gap:20px}
.card{background:${t.surface};border-radius:10px;box-shadow:0 1px 3px rgba(15,23,42,.08),0 4px 16px rgba(15,23,42,.05);overflow:hidden}
.report-header{order:-2;background:${t.headerBackground};color:${t.headerText};border-radius:10px;padding:24px 28px;border-top:5px solid ${t.accent}}
.eyebrow{text-transform:uppercase;letter-spacing:.08em;font-size:12px;opacity:.75;margin:0 0 6px}
h1{margin:0;font-size:26px;font-weight:650;line-height:1.2}
.subtitle{margin:6px 0 0;font-size:15px;opacity:.85}
.facts{display:flex;flex-wrap:wrap;gap:10px 36px;margin:18px 0 0}
.facts div{min-width:120px}
.facts dt{font-size:11px;text-transform:uppercase;letter-spacing:.08em;opacity:.65}
.facts dd{margin:2px 0 0;font-size:14px;font-weight:600}
.chart-section{order:-1;padding:18px 20px 8px}
.chart-section h2,.table-section h2{margin:0 0 6px;font-size:15px;font-weight:650}
.chart-section svg{width:100%;height:auto;display:block}
.legend{display:flex;flex-wrap:wrap;gap:14px;font-size:12px;color:${t.muted};margin:0 0 4px}
.legend span::before{content:"";display:inline-block;width:10px;height:10px;border-radius:2px;margin-right:6px;background:var(--c)}
.table-wrap{overflow-x:auto;max-width:100%}
table{border-collapse:collapse;width:100%;font-variant-numeric:tabular-nums}
thead th{position:sticky;top:0;background:${t.headerBackground};color:${t.headerText};font-weight:600;font-size:12px;text-transform:uppercase;letter-spacing:.04em;padding:10px 12px;white-space:normal;overflow-wrap:normal;word-break:normal;hyphens:none;vertical-align:bottom;min-width:4.5em}
td{padding:7px 12px;border-bottom:1px solid ${t.border};vertical-align:top;overflow-wrap:normal;word-break:normal;hyphens:none}
td.right,td.center{white-space:nowrap}
td.long,th.long{overflow-wrap:anywhere}
tr.alt td{background:${t.stripe}}
tr.group th{background:${t.groupBackground};color:${t.text};text-align:left;padding:9px 12px;font-size:13px;border-top:2px solid ${t.accent}}
tr.subtotal td{background:${t.subtotalBackground};font-weight:600;border-bottom:2px solid ${t.border}}
tr.total td{background:${t.totalBackground};font-weight:700;border-top:2px solid ${t.headerBackground};padding:10px 12px}
.left{text-align:left}.right{text-align:right}.center{text-align:center}
.empty{padding:24px;text-align:center;color:${t.muted}}
.muted{color:${t.muted}}
.note{font-weight:400;font-size:12px;margin-left:8px}
.report-footer{font-size:12px;color:${t.muted};text-align:center}
@page{size:A4 landscape;margin:12mm}
@media print{html{background:#fff}body{padding:0;font-size:11px}.report{max-width:none;gap:12px}.card{box-shadow:none;border:1px solid ${t.border};overflow:visible}.table-wrap{overflow:visible}
thead{display:table-header-group}thead th{position:static;font-size:10px;padding:6px 8px}td{padding:4px 8px}tfoot{display:table-row-group}tr{break-inside:avoid}
.chart-section{break-inside:avoid}.report-header{padding:14px 18px}}
`;

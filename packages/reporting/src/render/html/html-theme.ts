import { PlainTaggedError } from "../../model/plain-tagged-error";

/**
 * Colours and fonts of the HTML report. Values go into CSS, so they are checked
 * (colour names, `#hex`, `rgb()/hsl()`; font lists of names) and anything else is refused.
 * @example
 * renderHtml(meta, columns, rows, { theme: { accent: "#7c3aed" } }, out)
 */
export interface HtmlTheme {
  readonly fontFamily: string;
  readonly background: string;
  readonly surface: string;
  readonly text: string;
  readonly muted: string;
  readonly accent: string;
  readonly headerBackground: string;
  readonly headerText: string;
  readonly stripe: string;
  readonly border: string;
  readonly groupBackground: string;
  readonly subtotalBackground: string;
  readonly totalBackground: string;
  readonly chartColors: ReadonlyArray<string>;
}

/**
 * The default theme: slate and blue, system sans-serif fonts.
 * @example
 * const theme = { ...defaultHtmlTheme, accent: "#0f766e" }
 */
export const defaultHtmlTheme: HtmlTheme = {
  fontFamily: `"Segoe UI", "Helvetica Neue", Arial, "DejaVu Sans", sans-serif`,
  background: "#eef2f6",
  surface: "#ffffff",
  text: "#1f2937",
  muted: "#64748b",
  accent: "#2563eb",
  headerBackground: "#1e293b",
  headerText: "#f8fafc",
  stripe: "#f5f7fa",
  border: "#e2e8f0",
  groupBackground: "#e8eefc",
  subtotalBackground: "#f1f5f9",
  totalBackground: "#dbe4f3",
  chartColors: ["#2563eb", "#f59e0b", "#10b981", "#ef4444", "#8b5cf6", "#0ea5e9"],
};

/**
 * A theme value that cannot safely go into CSS. A plain `Error` shaped like a tagged error (see
 * `PlainTaggedError`).
 * @example
 * try { resolveTheme({ accent: "red; background: url(x)" }) } catch (e) { if (e instanceof HtmlThemeError) console.error(e.message) }
 */
export class HtmlThemeError extends PlainTaggedError("HtmlThemeError") {}

const colour = /^(#[0-9a-fA-F]{3,8}|[a-zA-Z]{3,30}|(rgb|rgba|hsl|hsla)\([0-9.,%\s/]+\))$/;
const fontList = /^[\p{L}\p{N} ,'"_-]{1,200}$/u;

const checked = (name: string, value: string, pattern: RegExp): string => {
  if (!pattern.test(value)) throw new HtmlThemeError({ message: `theme.${name} is not a safe CSS value` });
  return value;
};

/**
 * Merges a partial theme over the default and checks every value is safe to put in CSS.
 * @example
 * resolveTheme({ accent: "red;}</style>" }) // throws HtmlThemeError
 */
export const resolveTheme = (partial: Partial<HtmlTheme> | undefined): HtmlTheme => {
  const t = { ...defaultHtmlTheme, ...partial };
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(t)) {
    if (k === "chartColors") {
      const list = v as ReadonlyArray<string>;
      out[k] = list.length === 0 ? defaultHtmlTheme.chartColors : list.map((c, i) => checked(`chartColors[${i}]`, c, colour));
    } else {
      out[k] = checked(k, String(v), k === "fontFamily" ? fontList : colour);
    }
  }
  return out as unknown as HtmlTheme;
};

import type { Column } from "../../model/column";

const symbols: Record<string, string> = { EUR: "€", USD: "$", GBP: "£", JPY: "¥", CHF: "CHF ", INR: "₹", RUB: "₽" };

/**
 * The Excel number format of a column's cells. Durations are stored as days (minutes / 1440)
 * shown as `[h]:mm`, so they sum and average like any Excel time.
 * @example
 * xlsxNumFmt({ key: "m", label: "Time", kind: "duration-minutes" }) // "[h]:mm"
 */
export const xlsxNumFmt = (column: Column): string | undefined => {
  switch (column.kind) {
    case "integer":
      return "#,##0";
    case "number":
      return "#,##0.00";
    case "percent":
      return "0.0%";
    case "duration-minutes":
      return "[h]:mm";
    case "date":
      return "yyyy-mm-dd";
    case "datetime":
      return "yyyy-mm-dd hh:mm";
    case "currency": {
      const code = /^[A-Z]{3}$/.test(column.currency ?? "") ? (column.currency as string) : "EUR";
      const symbol = symbols[code];
      return symbol === undefined ? `#,##0.00 "${code}"` : `"${symbol}"#,##0.00`;
    }
    default:
      return undefined;
  }
};

/** Minutes in an Excel day, the unit of Excel time values. */
export const minutesPerDay = 1440;

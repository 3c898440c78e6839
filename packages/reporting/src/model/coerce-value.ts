/**
 * Reads a row value as a finite number: numbers, bigints and numeric strings; else `null`.
 * @example
 * toNumber("12.5") // 12.5
 */
export const toNumber = (value: unknown): number | null => {
  if (typeof value === "number") return Number.isFinite(value) ? value : null;
  if (typeof value === "bigint") return Number(value);
  if (typeof value === "string" && value.trim() !== "") {
    const n = Number(value);
    return Number.isFinite(n) ? n : null;
  }
  return null;
};

/**
 * Reads a row value as a valid `Date`: Dates, ISO strings and epoch milliseconds; else `null`.
 * @example
 * toDate("2025-03-01T10:00:00Z")?.getTime() // 1740823200000
 */
export const toDate = (value: unknown): Date | null => {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value;
  if (typeof value === "string" || typeof value === "number") {
    const d = new Date(value);
    return Number.isNaN(d.getTime()) ? null : d;
  }
  return null;
};

/**
 * Reads a row value as display text: `""` for null/undefined, ISO for dates, JSON for objects.
 * @example
 * toText(null) // ""
 */
export const toText = (value: unknown): string => {
  if (value === null || value === undefined) return "";
  if (typeof value === "string") return value;
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? "" : value.toISOString();
  if (typeof value === "object") {
    try {
      return JSON.stringify(value) ?? "";
    } catch {
      return String(value);
    }
  }
  return String(value);
};

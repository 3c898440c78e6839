/**
 * A value as an error message quotes it: JSON where JSON can say it, else its `String` (a BigInt,
 * a value whose `toJSON` throws), so naming a bad field never throws itself.
 * @example describeValue("sky-high") // '"sky-high"'; describeValue(1n) // "1n"
 */
export function describeValue(value: unknown): string {
  if (typeof value === "bigint") return `${value}n`;
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return Object.prototype.toString.call(value);
  }
}

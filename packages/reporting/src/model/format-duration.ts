/**
 * Formats a number of minutes the way people read durations: `45m`, `2h 05m`, `-1h 30m`.
 * @example
 * formatDurationMinutes(125) // "2h 05m"
 */
export const formatDurationMinutes = (minutes: number): string => {
  const total = Math.round(Math.abs(minutes));
  const sign = minutes < 0 && total > 0 ? "-" : "";
  const h = Math.floor(total / 60);
  const m = total % 60;
  return h === 0 ? `${sign}${m}m` : `${sign}${h}h ${String(m).padStart(2, "0")}m`;
};

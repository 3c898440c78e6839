/**
 * Formats a number of minutes the way people read durations: `45m`, `2h 05m`, `-1h 30m`; from
 * 48 hours on, days too (`3d 04h 05m`), so a long resolution time reads as days, not "1773h 41m".
 * @example
 * formatDurationMinutes(125) // "2h 05m"
 * formatDurationMinutes(1773 * 60 + 41) // "73d 21h 41m"
 */
export const formatDurationMinutes = (minutes: number): string => {
  const total = Math.round(Math.abs(minutes));
  const sign = minutes < 0 && total > 0 ? "-" : "";
  const mm = String(total % 60).padStart(2, "0");
  if (total >= 48 * 60) {
    const d = Math.floor(total / 1440);
    const h = Math.floor((total % 1440) / 60);
    return `${sign}${d}d ${String(h).padStart(2, "0")}h ${mm}m`;
  }
  const h = Math.floor(total / 60);
  return h === 0 ? `${sign}${total % 60}m` : `${sign}${h}h ${mm}m`;
};

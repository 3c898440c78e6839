/** Civil-calendar arithmetic on day numbers (days since 1970-01-01), without `Date` or `Intl`. */

export const DAY_MS = 86_400_000;

/** Day number of a proleptic Gregorian date (Howard Hinnant's days_from_civil). */
export const dayNumber = (year: number, month: number, day: number): number => {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (month + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
};

/** Year, month (1–12) and day of a day number. */
export const civilDate = (n: number): { year: number; month: number; day: number } => {
  const z = n + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
};

/** Weekday of a day number: 0 = Monday … 6 = Sunday (1970-01-01 was a Thursday). */
export const weekdayOf = (n: number): number => (((n + 3) % 7) + 7) % 7;

const daysInMonth = (year: number, month: number): number =>
  month === 2 ? (year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31;

/** True for a real date `YYYY-MM-DD` (no 2025-02-30). */
export const isRealDate = (s: string): boolean => {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return mo >= 1 && mo <= 12 && d >= 1 && d <= daysInMonth(y, mo);
};

/** True for a yearly date `MM-DD` that exists in some year (02-29 included). */
export const isRealMonthDay = (s: string): boolean => {
  const m = /^(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const [mo, d] = [Number(m[1]), Number(m[2])];
  return mo >= 1 && mo <= 12 && d >= 1 && d <= daysInMonth(2000, mo);
};

/** Day number of `YYYY-MM-DD`. */
export const parseDate = (s: string): number => dayNumber(Number(s.slice(0, 4)), Number(s.slice(5, 7)), Number(s.slice(8, 10)));

/** Month-day key (`month * 100 + day`) of `MM-DD`. */
export const parseMonthDay = (s: string): number => Number(s.slice(0, 2)) * 100 + Number(s.slice(3, 5));

/** Month-day key of a day number. */
export const monthDayOf = (n: number): number => {
  const { month, day } = civilDate(n);
  return month * 100 + day;
};

/** Milliseconds after local midnight of `HH:MM` or `HH:MM:SS` (`24:00` = one day). */
export const parseWallTime = (s: string): number =>
  (Number(s.slice(0, 2)) * 3600 + Number(s.slice(3, 5)) * 60 + (s.length > 5 ? Number(s.slice(6, 8)) : 0)) * 1000;

/**
 * Date/time input parsing and canonical text (API.md 3.15.1): dates `YYYY-MM-DD`, times
 * `HH:MM:SS[.fraction]`, date-times `YYYY-MM-DD HH:MM:SS[.fraction]`. ISO 8601 forms with a `T`
 * separator and a `Z`/offset are accepted and converted to UTC. Fractions keep their digits
 * (no float rounding) and lose trailing zeros.
 */

interface Moment {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  /** Fraction digits without trailing zeros ('' when none). */
  fraction: string;
  /** Offset east of UTC in minutes; null when the input named no zone. */
  offset: number | null;
}

const ZONE = '(Z|[+-]\\d{2}(?::?\\d{2})?)';
const TIME = '(\\d{2}):(\\d{2})(?::(\\d{2})(?:[.,](\\d{1,9}))?)?';
const DATE_TIME_RE = new RegExp(`^(\\d{4})-(\\d{2})-(\\d{2})(?:[T ]${TIME})?\\s*${ZONE}?$`, 'i');
const TIME_RE = new RegExp(`^T?${TIME}\\s*${ZONE}?$`, 'i');

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

function parseZone(zone: string | undefined): number | null | undefined {
  if (zone === undefined) return null;
  if (zone.toUpperCase() === 'Z') return 0;
  const m = /^([+-])(\d{2}):?(\d{2})?$/.exec(zone);
  if (!m) return undefined;
  const hours = Number(m[2]);
  const minutes = Number(m[3] ?? '0');
  if (hours > 23 || minutes > 59) return undefined;
  return (m[1] === '-' ? -1 : 1) * (hours * 60 + minutes);
}

function timeFields(h?: string, mi?: string, s?: string, f?: string): Pick<Moment, 'hour' | 'minute' | 'second' | 'fraction'> | undefined {
  const hour = Number(h ?? '0');
  const minute = Number(mi ?? '0');
  const second = Number(s ?? '0');
  if (hour > 23 || minute > 59 || second > 59) return undefined;
  return { hour, minute, second, fraction: (f ?? '').replace(/0+$/, '') };
}

function isCalendarDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const d = new Date(0);
  d.setUTCFullYear(year, month - 1, day);
  return d.getUTCMonth() === month - 1 && d.getUTCDate() === day;
}

function parseDateTime(text: string): Moment | undefined {
  const m = DATE_TIME_RE.exec(text.trim());
  if (!m) return undefined;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (!isCalendarDate(year, month, day)) return undefined;
  const time = timeFields(m[4], m[5], m[6], m[7]);
  const offset = parseZone(m[8]);
  if (!time || offset === undefined) return undefined;
  return { year, month, day, ...time, offset };
}

/** Moves a moment with an offset to UTC (offset becomes 0); moments without a zone stay as written. */
function toUtc(moment: Moment): Moment | undefined {
  if (!moment.offset) return { ...moment, offset: moment.offset === null ? null : 0 };
  const d = new Date(0);
  d.setUTCFullYear(moment.year, moment.month - 1, moment.day);
  d.setUTCHours(moment.hour, moment.minute - moment.offset, moment.second, 0);
  const year = d.getUTCFullYear();
  if (year < 1 || year > 9999) return undefined;
  return {
    year, month: d.getUTCMonth() + 1, day: d.getUTCDate(),
    hour: d.getUTCHours(), minute: d.getUTCMinutes(), second: d.getUTCSeconds(),
    fraction: moment.fraction, offset: 0,
  };
}

const dateText = (m: Moment): string => `${pad(m.year, 4)}-${pad(m.month)}-${pad(m.day)}`;
const timeText = (m: Pick<Moment, 'hour' | 'minute' | 'second' | 'fraction'>): string =>
  `${pad(m.hour)}:${pad(m.minute)}:${pad(m.second)}${m.fraction ? `.${m.fraction}` : ''}`;

function offsetText(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/** `2024-02-29`, `2024-02-29T00:00:00Z` → `2024-02-29`; a non-zero time part is refused. */
export function canonicalDate(text: string): string | undefined {
  const m = parseDateTime(text);
  if (!m || m.hour || m.minute || m.second || m.fraction || m.offset) return undefined;
  return dateText(m);
}

/**
 * `2024-01-02T10:15:00.500+02:00` → `2024-01-02 08:15:00.5`; with `withZone` the UTC offset is
 * appended (`+00:00`) for `timestamptz` columns. A date alone means midnight.
 */
export function canonicalDateTime(text: string, withZone = false): string | undefined {
  const parsed = parseDateTime(text);
  const m = parsed && toUtc(parsed);
  if (!m) return undefined;
  return `${dateText(m)} ${timeText(m)}${withZone ? '+00:00' : ''}`;
}

/**
 * `10:15`, `T10:15:00Z`, `10:15:00.250` → `10:15:00`, `10:15:00`, `10:15:00.25`. For `time`
 * an offset is applied (wrapping at midnight); for `timetz` it is kept (`+00:00` when absent).
 */
export function canonicalTime(text: string, withZone = false): string | undefined {
  const m = TIME_RE.exec(text.trim());
  if (!m) return undefined;
  const time = timeFields(m[1], m[2], m[3], m[4]);
  const offset = parseZone(m[5]);
  if (!time || offset === undefined) return undefined;
  if (withZone) return `${timeText(time)}${offsetText(offset ?? 0)}`;
  if (!offset) return timeText(time);
  const total = (((time.hour * 60 + time.minute - offset) % 1440) + 1440) % 1440;
  return timeText({ ...time, hour: Math.floor(total / 60), minute: total % 60 });
}

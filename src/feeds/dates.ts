/**
 * Feed dates as feeds really write them, to ISO 8601 UTC.
 *
 * Tried in order: ISO 8601 (with or without a zone), Unix epoch numbers, CJK 年月日 dates, then a
 * word-based reader for RFC 822/1123/850, ctime and localized forms ("3 février 2025 à 10h00",
 * "3 февраля 2025 г., 10:00", "Feb 3rd, 2025 10:00 PM EST"). The word reader finds a time, a zone
 * and a month name, and takes the remaining numbers as day and year, so missing seconds, single-digit
 * days and missing or wrong weekdays do not matter: weekday names are ignored.
 *
 * Policies (a wrong date is worse than none: it sorts the item wrongly for good):
 * - No zone: ISO and RFC forms are taken as UTC; CJK forms as the script's home time (Japanese
 *   and Korean +09:00, Chinese +08:00) because those feeds never mean UTC.
 * - Purely numeric dates: `2025/02/03` is Y/M/D; `03.02.2025` and `03-02-2025` are D.M.Y;
 *   `02/03/2025` is M/D/Y (the US habit) unless the first number is over 12.
 * - More than a day in the future (a wrong zone, a typo, a scheduled post) or before 1990
 *   (epoch-zero placeholders): undefined, so callers fall back to the time the item was seen.
 * Never throws.
 */
import { MONTHS, ZONES } from './date-words.ts';

const DAY_MS = 86_400_000;
const MIN_YEAR = 1990;
const MAX_INPUT = 120;

export function parseFeedDate(raw: unknown, now: Date = new Date()): string | undefined {
  if (typeof raw !== 'string') return undefined;
  try {
    const text = normalize(raw);
    if (text === '' || text.length > MAX_INPUT) return undefined;
    const ms = parseIso(text) ?? parseEpoch(text) ?? parseCjk(text) ?? parseWords(text);
    if (ms === undefined || !Number.isFinite(ms)) return undefined;
    if (ms > now.getTime() + DAY_MS) return undefined;
    const date = new Date(ms);
    if (date.getUTCFullYear() < MIN_YEAR) return undefined;
    return date.toISOString();
  } catch {
    return undefined;
  }
}

/** NFKC turns full-width digits and colons (２０２５年１月) into ASCII. */
function normalize(raw: string): string {
  return raw.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();
}

interface Fields {
  year: number;
  month: number;
  day: number;
  hour?: number;
  minute?: number;
  second?: number;
  /** Minutes east of UTC. */
  offset?: number;
}

/** Milliseconds for valid fields; undefined when a field is out of range (31 February, 25:00). */
function toMs(f: Fields): number | undefined {
  const { year, month, day, hour = 0, minute = 0 } = f;
  const second = Math.min(f.second ?? 0, 59); // a leap second is the last second of its minute
  if (month < 1 || month > 12 || day < 1 || day > 31 || minute > 59 || second > 59) return undefined;
  if (hour > 24 || (hour === 24 && (minute > 0 || second > 0))) return undefined;
  const local = Date.UTC(year, month - 1, day, hour, minute, second);
  const check = new Date(Date.UTC(year, month - 1, day));
  if (check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return undefined;
  return local - (f.offset ?? 0) * 60_000;
}

function expandYear(digits: string): number {
  const n = Number(digits);
  if (digits.length > 2) return n;
  return n < 70 ? 2000 + n : 1900 + n;
}

const ISO =
  /^(\d{4})-(\d{1,2})-(\d{1,2})(?:(?:t|\s)\s*(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?)?\s*(z|utc|gmt|ut|[+-]\d{1,2}(?::?\d{2})?)?$/;
const ISO_BASIC = /^(\d{4})(\d{2})(\d{2})t(\d{2})(\d{2})(\d{2})?(?:[.,]\d+)?(z|[+-]\d{2}(?::?\d{2})?)?$/;

function parseIso(text: string): number | undefined {
  const m = ISO.exec(text) ?? ISO_BASIC.exec(text);
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s, zone] = m;
  const offset = zone === undefined ? 0 : zoneOffset(zone);
  if (offset === undefined) return undefined;
  return toMs({
    year: Number(y),
    month: Number(mo),
    day: Number(d),
    hour: h === undefined ? 0 : Number(h),
    minute: mi === undefined ? 0 : Number(mi),
    second: s === undefined ? 0 : Number(s),
    offset,
  });
}

/** `+08:00`, `+0800`, `+8`, `-05`, `z`, or a known abbreviation, in minutes east of UTC. */
function zoneOffset(zone: string): number | undefined {
  const numeric = /^([+-])(\d{1,2})(?::?(\d{2}))?$/.exec(zone);
  if (numeric) {
    const [, sign, hh, mm] = numeric;
    const minutes = Number(hh) * 60 + Number(mm ?? 0);
    if (minutes > 14 * 60) return undefined;
    return sign === '-' ? -minutes : minutes;
  }
  return ZONES.get(zone);
}

/** 10-digit seconds or 13-digit milliseconds since 1970 (some JSON and WordPress plugins). */
function parseEpoch(text: string): number | undefined {
  if (/^\d{10}$/.test(text)) return Number(text) * 1000;
  if (/^\d{13}$/.test(text)) return Number(text);
  return undefined;
}

const CJK_DATE = /(\d{2,4})\s*[年년]\s*(\d{1,2})\s*[月월]\s*(\d{1,2})\s*[日号號일]?/;
const CJK_TIME = /(\d{1,2})\s*[:时時시]\s*(\d{1,2})(?:\s*[:分분]\s*(\d{1,2}))?/;
const CJK_PM = /下午|晚上|午後|오후|pm/;
const CJK_AM = /上午|早上|凌晨|午前|오전|am/;
// Kana, Hangul, 午前/午後, or a weekday in brackets `(月)` as Japanese sites print it.
const JAPANESE_OR_KOREAN = /[\u3040-\u30ff\uac00-\ud7af]|曜日|午前|午後|\([月火水木金土日]\)/;

/** `2025年2月3日 10:30`, `2025年02月03日 下午3时05分`, `2025년 2월 3일 오후 3:05`. */
function parseCjk(text: string): number | undefined {
  const date = CJK_DATE.exec(text);
  if (!date) return undefined;
  const [, y, mo, d] = date;
  const rest = text.slice(date.index + date[0].length);
  const time = CJK_TIME.exec(rest);
  let hour = time ? Number(time[1]) : 0;
  if (time && CJK_PM.test(rest) && hour < 12) hour += 12;
  if (time && CJK_AM.test(rest) && hour === 12) hour = 0;
  const explicit = findNumericZone(rest) ?? findZoneWord(rest);
  const home = /北京|beijing/.test(text) || !JAPANESE_OR_KOREAN.test(text) ? 480 : 540;
  return toMs({
    year: expandYear(y ?? ''),
    month: Number(mo),
    day: Number(d),
    hour,
    minute: time ? Number(time[2]) : 0,
    second: time?.[3] === undefined ? 0 : Number(time[3]),
    offset: explicit?.offset ?? home,
  });
}

interface ZoneMatch {
  offset: number;
  start: number;
  end: number;
}

/** `+0800`, `-05:00`, `gmt+8`, `utc-3`, `(gmt+05:30)`: a sign after a space or after GMT/UTC. */
function findNumericZone(text: string): ZoneMatch | undefined {
  const m = /(?:^|[\s(])((?:gmt|utc|ut)\s?)?([+-]\d{1,2}(?::?\d{2})?)(?=$|[\s)])/.exec(text);
  if (!m?.[2]) return undefined;
  // A bare `-25` could be part of a date; without GMT/UTC before it, ask for four digits.
  if (!m[1] && !/^[+-]\d{2}:?\d{2}$/.test(m[2])) return undefined;
  const offset = zoneOffset(m[2]);
  if (offset === undefined) return undefined;
  return { offset, start: m.index, end: m.index + m[0].length };
}

function findZoneWord(text: string): ZoneMatch | undefined {
  for (const m of text.matchAll(/[\p{L}]+/gu)) {
    const offset = ZONES.get(m[0]);
    if (offset !== undefined && m[0] !== 'z') return { offset, start: m.index, end: m.index + m[0].length };
  }
  return undefined;
}

const TIME = /(\d{1,2})\s?[:h]\s?(\d{2})(?::(\d{2})(?:[.,]\d+)?)?(?:\s?(a\.?m\.?|p\.?m\.?)(?![\p{L}]))?/u;

/** RFC 822/1123/850, ctime and localized dates with month names; numeric D.M.Y and friends. */
function parseWords(input: string): number | undefined {
  let text = input.replace(/(\d)t(\d)/g, '$1 $2');
  const numericZone = findNumericZone(text);
  if (numericZone) text = `${text.slice(0, numericZone.start)} ${text.slice(numericZone.end)}`;

  let hour = 0;
  let minute = 0;
  let second = 0;
  const time = TIME.exec(text);
  if (time) {
    hour = Number(time[1]);
    minute = Number(time[2]);
    second = time[3] === undefined ? 0 : Number(time[3]);
    const meridiem = time[4];
    if (meridiem?.startsWith('p') && hour < 12) hour += 12;
    if (meridiem?.startsWith('a') && hour === 12) hour = 0;
    text = `${text.slice(0, time.index)} ${text.slice(time.index + time[0].length)}`;
  }
  const offset = numericZone?.offset ?? findZoneWord(text)?.offset ?? 0;

  const numbers: string[] = [];
  let month: number | undefined;
  for (const word of text.split(/[^\p{L}\p{N}]+/u)) {
    if (word === '') continue;
    const ordinal = /^(\d{1,2})(?:st|nd|rd|th|er|e|o|a)$/.exec(word);
    if (/^\d+$/.test(word)) numbers.push(word);
    else if (ordinal?.[1]) numbers.push(ordinal[1]);
    // The last month word wins: in "mar., 4 feb 2025" the first is Tuesday in Spanish or French.
    else if (MONTHS.has(word)) month = MONTHS.get(word);
  }
  if (numbers.some((n) => n.length > 4)) return undefined;
  const fields = month === undefined ? assignNumeric(numbers, input) : assignWithMonth(numbers, month);
  if (!fields) return undefined;
  return toMs({ ...fields, hour, minute, second, offset });
}

function assignWithMonth(numbers: string[], month: number): Fields | undefined {
  const yearAt = numbers.findIndex((n) => n.length === 4);
  if (yearAt >= 0) {
    const day = numbers.find((n, i) => i !== yearAt && n.length <= 2);
    if (day === undefined) return undefined;
    return { year: Number(numbers[yearAt]), month, day: Number(day) };
  }
  // RFC 850 `03-feb-25`: day first, two-digit year second.
  const [day, year] = numbers;
  if (day === undefined || year === undefined) return undefined;
  return { year: expandYear(year), month, day: Number(day) };
}

function assignNumeric(numbers: string[], input: string): Fields | undefined {
  const [a, b, c] = numbers;
  if (a === undefined || b === undefined || c === undefined) return undefined;
  if (a.length === 4) return { year: Number(a), month: Number(b), day: Number(c) };
  if (c.length !== 4 && c.length !== 2) return undefined;
  const first = Number(a);
  const second = Number(b);
  const usStyle = /\d{1,2}\/\d{1,2}\/\d{2,4}/.test(input) && first <= 12;
  if (usStyle || (second > 12 && first <= 12)) return { year: expandYear(c), month: first, day: second };
  return { year: expandYear(c), month: second, day: first };
}

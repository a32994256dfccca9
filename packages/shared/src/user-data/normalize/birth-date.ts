import { err, ok, type Result } from '../../result.js'
import type { NormalizeError } from './normalize-error.js'

const YMD_COMPACT = /^(\d{4})(\d{2})(\d{2})$/
const YMD = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[t\s].*)?$/
const DMY_OR_MDY = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$/

const pad = (n: number) => String(n).padStart(2, '0')

function toYmd(year: number, month: number, day: number, now: Date): Result<string, NormalizeError> {
  // Day 0 of the next month is the last day of this one; Date.UTC keeps the server's time zone out of it.
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate()
  if (year < 1900 || year > now.getUTCFullYear() || month < 1 || month > 12 || day < 1 || day > daysInMonth) {
    return err('invalid')
  }
  return ok(`${year}${pad(month)}${pad(day)}`)
}

/**
 * Meta's `db`: `YYYYMMDD`, year 1900 to the current year, a real calendar day (platforms.md 1.3). Reads
 * `19900325`, `1990-03-25` (an ISO timestamp too), `1990/3/25`, and day-month-year or month-day-year only
 * when the order is certain (`25/03/1990`, `03/25/1990`); `03/04/1990` could be either and is dropped
 * rather than guessed. GA4 and TikTok have no date-of-birth field.
 * @example normalizeBirthDate('25.03.1990') // ok('19900325')
 */
export function normalizeBirthDate(value: string, now: Date = new Date()): Result<string, NormalizeError> {
  const text = value.trim().toLowerCase()
  if (text === '') return err('empty')
  const ymd = YMD_COMPACT.exec(text) ?? YMD.exec(text)
  if (ymd) return toYmd(Number(ymd[1]), Number(ymd[2]), Number(ymd[3]), now)
  const other = DMY_OR_MDY.exec(text)
  if (!other) return err('invalid')
  const [first, second, year] = [Number(other[1]), Number(other[2]), Number(other[3])]
  if (first > 12 && second <= 12) return toYmd(year, second, first, now)
  if (second > 12 && first <= 12) return toYmd(year, first, second, now)
  return first === second ? toYmd(year, first, first, now) : err('invalid')
}

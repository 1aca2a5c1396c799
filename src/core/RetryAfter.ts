/**
 * Reading `Retry-After` (RFC 9110 §10.2.3) strictly: delay-seconds, or an HTTP-date in one of its
 * three forms (§5.6.7). Anything else is ignored — a lenient date parser reads garbage such as
 * `foo 2099` as a date far in the future and would end the retries for nothing.
 *
 * @since 0.1.0
 */

/**
 * The longest wait a `Retry-After` can ask for: 2^31 seconds, the value RFC 9111 §1.2.2 gives to a
 * delta-seconds too large to represent. Larger values (a 400-digit one) are read as this, so every
 * delay stays finite.
 *
 * @since 0.1.0
 */
export const maxRetryAfterMillis = 2 ** 31 * 1000

const shortDay = "(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)"
const longDay = "(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
const month = "(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)"
const time = "(\\d{2}):(\\d{2}):(\\d{2})"
const months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

// Sun, 06 Nov 1994 08:49:37 GMT
const imfFixdate = new RegExp(`^${shortDay}, (\\d{2}) ${month} (\\d{4}) ${time} GMT$`)
// Sunday, 06-Nov-94 08:49:37 GMT
const rfc850Date = new RegExp(`^${longDay}, (\\d{2})-${month}-(\\d{2}) ${time} GMT$`)
// Sun Nov  6 08:49:37 1994
const asctimeDate = new RegExp(`^${shortDay} ${month} ( \\d|\\d{2}) ${time} (\\d{4})$`)

// The instant, or NaN for a day or time that does not exist (31 Feb, 25:00).
const utc = (year: number, monthName: string, day: number, hour: number, minute: number, second: number) => {
  const monthIndex = months.indexOf(monthName)
  if (hour > 23 || minute > 59 || second > 60) return Number.NaN
  const date = new Date(0)
  // setUTCFullYear, not Date.UTC: Date.UTC reads the years 0–99 as 1900–1999.
  date.setUTCFullYear(year, monthIndex, day)
  if (date.getUTCMonth() !== monthIndex || date.getUTCDate() !== day) return Number.NaN
  // A leap second (:60) is read as the next second.
  return date.getTime() + ((hour * 60 + minute) * 60 + second) * 1000
}

// RFC 9110 §5.6.7: a two-digit year more than 50 years in the future is the most recent past year
// with the same last two digits.
const fullYear = (twoDigits: number, nowMillis: number): number => {
  const now = new Date(nowMillis).getUTCFullYear()
  const year = now - (now % 100) + twoDigits
  return year > now + 50 ? year - 100 : year
}

/**
 * The instant an HTTP-date names, or `undefined` when the text is not exactly one of its three forms.
 *
 * @since 0.1.0
 */
export const parseHttpDate = (text: string, nowMillis: number): number | undefined => {
  let instant = Number.NaN
  let match = imfFixdate.exec(text)
  if (match !== null) {
    const [, day, monthName, year, hour, minute, second] = match
    instant = utc(Number(year), monthName!, Number(day), Number(hour), Number(minute), Number(second))
  } else if ((match = rfc850Date.exec(text)) !== null) {
    const [, day, monthName, year, hour, minute, second] = match
    instant = utc(
      fullYear(Number(year), nowMillis),
      monthName!,
      Number(day),
      Number(hour),
      Number(minute),
      Number(second)
    )
  } else if ((match = asctimeDate.exec(text)) !== null) {
    const [, monthName, day, hour, minute, second, year] = match
    instant = utc(Number(year), monthName!, Number(day), Number(hour), Number(minute), Number(second))
  }
  return Number.isNaN(instant) ? undefined : instant
}

/**
 * A `Retry-After` value as milliseconds from `nowMillis`: delay-seconds (digits only) or an
 * HTTP-date (a past one is 0). Anything else gives `undefined`, so that the backoff alone applies;
 * every result is at most {@link maxRetryAfterMillis}.
 *
 * @since 0.1.0
 */
export const parseRetryAfter = (value: string | undefined, nowMillis: number): number | undefined => {
  if (value === undefined) return undefined
  const trimmed = value.trim()
  if (/^\d+$/.test(trimmed)) return Math.min(Number(trimmed) * 1000, maxRetryAfterMillis)
  const instant = parseHttpDate(trimmed, nowMillis)
  return instant === undefined ? undefined : Math.min(Math.max(0, instant - nowMillis), maxRetryAfterMillis)
}

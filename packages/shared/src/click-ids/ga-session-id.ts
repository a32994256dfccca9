/**
 * GA4's session id (unix seconds of the session start) from a `_ga_<stream>` cookie, in the old
 * `GS1.1.<sid>.<count>…` and the current `GS2.1.s<sid>$o<count>…` formats (platforms.md 2.7, 11.8; the
 * format is observed, not documented by Google).
 * @example toGaSessionId('GS2.1.s1746000000$o3$g1$t1746000100$j60$l0$h0') // '1746000000'
 */
export function toGaSessionId(streamCookie: string | null | undefined): string | undefined {
  const value = streamCookie ?? ''
  return (/^GS1\.\d+\.(\d{1,20})(?:\.|$)/.exec(value) ?? /^GS2\.\d+\.s(\d{1,20})(?:\$|$)/.exec(value))?.[1]
}

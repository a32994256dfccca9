/**
 * GA4's session id (unix seconds of the session start) from a `_ga_<stream>` cookie, in the old
 * `GS1.1.<sid>.<count>…` and the current `GS2.1.s<sid>$o<count>…` formats (platforms.md 2.7, 11.8; the
 * format is observed, not documented by Google).
 * @example toGaSessionId('GS2.1.s1746000000$o3$g1$t1746000100$j60$l0$h0') // '1746000000'
 */
export function toGaSessionId(streamCookie: string | null | undefined): string | undefined {
  // One pattern, one alternative per format: the session id is group 1 (GS1) or group 2 (GS2). A missing
  // value reads as 'null' or 'undefined', which the pattern cannot match (no `?? ''`: bytes of the browser bundle).
  const match = /^GS(?:1\.\d+\.(\d{1,20})(?:\.|$)|2\.\d+\.s(\d{1,20})(?:\$|$))/.exec(streamCookie as string)
  return match?.[1] ?? match?.[2]
}

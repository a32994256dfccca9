/**
 * The platforms pairtrack pairs a browser pixel with a server API for. The id is the folder name,
 * config key, env prefix, metrics label and fixture folder everywhere (STYLE.md, naming rule 2).
 */
export const PLATFORM_IDS = ['meta', 'ga4', 'tiktok'] as const

export type PlatformId = (typeof PLATFORM_IDS)[number]

/** @example isPlatformId('meta') // true */
export function isPlatformId(value: string): value is PlatformId {
  return (PLATFORM_IDS as readonly string[]).includes(value)
}

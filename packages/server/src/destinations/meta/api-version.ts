/**
 * The Graph API version pairtrack sends Meta events to. Meta supports each Conversions API version for at
 * least two years; in mid-2026 v24 (Segment), v25 (rudder-transformer, Meta's reference examples) and v26
 * (Meta's Node SDK) are live (platforms.md 1.1). Pinned to v25.0; raise it here, or per relay with the
 * `apiVersion` option. Changelog: https://developers.facebook.com/docs/graph-api/changelog
 */
export const META_API_VERSION = 'v25.0'

/** Meta's Graph host (platforms.md 1.1). */
export const META_ENDPOINT = 'https://graph.facebook.com'

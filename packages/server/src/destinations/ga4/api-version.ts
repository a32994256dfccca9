/**
 * GA4's Measurement Protocol has no version in its path ("protocol v2", platforms.md 2.1); what is pinned
 * is the collection path and host. The EU-processing host is https://region1.google-analytics.com (set it
 * with the `endpoint` option). Reference: https://developers.google.com/analytics/devguides/collection/protocol/ga4/reference
 */
export const GA4_COLLECT_PATH = '/mp/collect'

/** Google's global host (platforms.md 2.1). */
export const GA4_ENDPOINT = 'https://www.google-analytics.com'

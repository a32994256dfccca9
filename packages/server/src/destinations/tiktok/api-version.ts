/**
 * TikTok Events API 2.0 lives under open_api/v1.3 (platforms.md 3.1); `/pixel/track/` and `/pixel/batch/`
 * are the older Events API 1.0, announced for sunset. Docs: https://business-api.tiktok.com/portal/docs?id=1771100865818625
 */
export const TIKTOK_API_VERSION = 'v1.3'

/** TikTok's Business API host (platforms.md 3.1). */
export const TIKTOK_ENDPOINT = 'https://business-api.tiktok.com'

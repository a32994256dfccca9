/**
 * TikTok's response envelope (platforms.md 3.5): HTTP 200 with `code` 0 for success, 40001 for auth, 40002
 * for parameters (code meanings from rudder-transformer: UNCONFIRMED against TikTok's table).
 */
export type TiktokEnvelope = { code: number; message: string; request_id: string; data: Record<string, never> }

/** @example tiktokEnvelope(0, 'OK', 'r1') // { code: 0, message: 'OK', request_id: 'r1', data: {} } */
export function tiktokEnvelope(code: number, message: string, requestId: string): TiktokEnvelope {
  return { code, message, request_id: requestId, data: {} }
}

import { ga4Message, type Ga4ValidationMessage } from './ga4-validation-message.js'

/** GA4 accepts events backdated up to 72 h (platforms.md 2.2). */
export const GA4_MAX_BACKDATE_MS = 72 * 60 * 60 * 1000

// Clock skew tolerated for future timestamps (emulator's choice).
const MAX_FUTURE_MS = 10 * 60 * 1000

/**
 * Checks a `timestamp_micros`: microseconds, at most 72 h old. GA4's RELAXED mode clamps older timestamps
 * and ENFORCE_RECOMMENDATIONS rejects them (platforms.md 2.2); the emulator always rejects, so a relay that
 * sends stale events finds out.
 * @example validateGa4TimestampMicros(Date.now(), 'timestamp_micros', Date.now())[0]?.validationCode // 'VALUE_INVALID'
 */
export function validateGa4TimestampMicros(value: unknown, fieldPath: string, nowMs: number): Ga4ValidationMessage[] {
  if (typeof value !== 'number' || !Number.isInteger(value) || value <= 0) {
    return [ga4Message(fieldPath, 'timestamp_micros must be an integer (Unix microseconds).', 'VALUE_INVALID')]
  }
  // Unix time now is ~1.7e15 µs; anything below 1e15 is seconds or milliseconds.
  if (value < 1e15) return [ga4Message(fieldPath, 'timestamp_micros must be in microseconds.', 'VALUE_INVALID')]
  const ms = value / 1000
  if (ms < nowMs - GA4_MAX_BACKDATE_MS) {
    return [ga4Message(fieldPath, 'timestamp_micros is more than 72 hours in the past.', 'VALUE_OUT_OF_BOUNDS')]
  }
  if (ms > nowMs + MAX_FUTURE_MS) return [ga4Message(fieldPath, 'timestamp_micros is in the future.', 'VALUE_OUT_OF_BOUNDS')]
  return []
}

import { describe, expect, it } from 'vitest'
import { toReasonText } from './reason-text.js'

describe('toReasonText', () => {
  it('folds whitespace and newlines into single spaces', () => {
    expect(toReasonText('  bad\n\tvalue  here ')).toBe('bad value here')
  })

  it('cuts a long message at 300 characters, marking the cut', () => {
    const text = toReasonText('x'.repeat(1000))
    expect(text).toHaveLength(300)
    expect(text.endsWith('…')).toBe(true)
  })

  it('keeps a 300-character message whole', () => {
    expect(toReasonText('y'.repeat(300))).toBe('y'.repeat(300))
  })
})

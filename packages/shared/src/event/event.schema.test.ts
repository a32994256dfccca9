import { describe, expect, it } from 'vitest'
import { TrackEventSchema } from './event.schema.js'

const base = { event_name: 'Purchase', event_id: 'e1' }
const issuesOf = (input: unknown) => {
  const parsed = TrackEventSchema.safeParse(input)
  return parsed.success ? [] : parsed.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }))
}

describe('TrackEventSchema limits', () => {
  it('accepts 100 custom keys and refuses 101', () => {
    const keys = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`k${i}`, i]))
    expect(issuesOf({ ...base, custom_data: keys(100) })).toEqual([])
    expect(issuesOf({ ...base, custom_data: keys(101) })).toEqual([{ path: 'custom_data', message: 'custom_data holds at most 100 keys' }])
  })

  it('refuses an empty or overlong custom key', () => {
    expect(issuesOf({ ...base, custom_data: { ['k'.repeat(101)]: 1 } })).toEqual([
      { path: 'custom_data', message: 'custom_data keys are 1 to 100 characters long' },
    ])
    expect(issuesOf({ ...base, custom_data: { '': 1 } })).toHaveLength(1)
  })

  it('refuses nested objects in custom properties, so an event is at most five levels deep', () => {
    expect(issuesOf({ ...base, custom_data: { deep: { deeper: { deepest: 1 } } } })).toEqual([
      expect.objectContaining({ path: 'custom_data.deep' }),
    ])
    expect(issuesOf({ ...base, custom_data: { contents: [{ id: 'a', title: { nested: 'x' } }] } })).not.toEqual([])
  })

  it('refuses arrays over their caps', () => {
    expect(issuesOf({ ...base, custom_data: { tags: Array.from({ length: 101 }, () => 'x') } })).not.toEqual([])
    expect(issuesOf({ ...base, user_data: { email: Array.from({ length: 11 }, () => 'a@b.co') } })).not.toEqual([])
  })

  it('takes a URL-safe token of at most 1024 characters', () => {
    expect(issuesOf({ ...base, token: 'pt1.eyJhIjoxfQ.c2ln-_' })).toEqual([])
    expect(issuesOf({ ...base, token: 'a'.repeat(1025) })).toHaveLength(1)
    expect(issuesOf({ ...base, token: 'has space' })).toEqual([{ path: 'token', message: 'token must be a token minted by relay.sign()' }])
    expect(issuesOf({ ...base, token: 42 })).toHaveLength(1)
  })
})

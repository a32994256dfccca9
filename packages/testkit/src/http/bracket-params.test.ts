import { describe, expect, it } from 'vitest'
import { toBracketParams } from './bracket-params.js'

describe('toBracketParams', () => {
  it.each([
    ['id=1&ev=Lead', { id: '1', ev: 'Lead' }],
    ['cd[value]=5&cd[currency]=EUR', { cd: { value: '5', currency: 'EUR' } }],
    [`cd[content_ids]=${encodeURIComponent('["a","b"]')}`, { cd: { content_ids: ['a', 'b'] } }],
    ['cd[note]=%5Bnot%20json', { cd: { note: '[not json' } }],
    ['ud[em]=abc&ev=X', { ud: { em: 'abc' }, ev: 'X' }],
  ])('folds %s', (query, expected) => {
    expect(toBracketParams(new URLSearchParams(query))).toEqual(expected)
  })
})

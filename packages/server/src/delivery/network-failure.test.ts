import { describe, expect, it } from 'vitest'
import { toNetworkFailure } from './network-failure.js'

const withCode = (code: string, message = `failed: ${code}`) => Object.assign(new Error(message), { code })

describe('toNetworkFailure', () => {
  it.each([
    ['UND_ERR_CONNECT_TIMEOUT', 'timeout'],
    ['UND_ERR_HEADERS_TIMEOUT', 'timeout'],
    ['UND_ERR_BODY_TIMEOUT', 'timeout'],
    ['ECONNRESET', 'connection_reset'],
    ['UND_ERR_SOCKET', 'connection_reset'],
    ['ECONNREFUSED', 'connection_refused'],
    ['ENOTFOUND', 'dns'],
    ['EAI_AGAIN', 'dns'],
    ['UND_ERR_RES_EXCEEDED_MAX_SIZE', 'other'],
  ] as const)('maps %s to %s', (code, expected) => {
    expect(toNetworkFailure(withCode(code), []).code).toBe(expected)
  })

  it('finds the code on a wrapped cause', () => {
    const wrapped = new Error('fetch failed', { cause: withCode('ENOTFOUND', 'getaddrinfo ENOTFOUND graph.example') })
    expect(toNetworkFailure(wrapped, [])).toEqual({ kind: 'network_error', code: 'dns', message: 'fetch failed' })
  })

  it('redacts secrets, raw or URL-encoded, from the message', () => {
    const failure = toNetworkFailure(withCode('ECONNRESET', 'reset on /mp?api_secret=a%2Fb token a/b'), ['a/b'])
    expect(failure.message).toBe('reset on /mp?api_secret=[redacted] token [redacted]')
  })

  it('describes a thrown non-error as other', () => {
    expect(toNetworkFailure('weird', [])).toEqual({ kind: 'network_error', code: 'other', message: 'weird' })
  })
})

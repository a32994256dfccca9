import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { openOutboxStore, type RelayConfigInput } from '../src/index.js'
import { BROWSER_UA, postBeacon, startRelayHarness, type RelayHarness } from './helpers/start-relay.js'

let harness: RelayHarness | undefined

afterEach(async () => {
  await harness?.close()
  harness = undefined
})

type Logged = { level: string; fields: Record<string, unknown>; message: string }

/** A logger that keeps every line, for asserting on warnings. */
function capturingLogger(): { logger: NonNullable<RelayConfigInput['logger']>; lines: Logged[] } {
  const lines: Logged[] = []
  const at = (level: string) => (fields: Record<string, unknown>, message: string) => void lines.push({ level, fields, message })
  return { lines, logger: { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') } }
}

const ALL_GRANTED = { ad_storage: 'granted', analytics_storage: 'granted', ad_user_data: 'granted', ad_personalization: 'granted' } as const

/** An unsigned browser event, with the consent the page states. */
const addToCart = (eventId: string, consent: Record<string, unknown> = ALL_GRANTED) => ({
  event_name: 'AddToCart',
  event_id: eventId,
  event_source_url: 'https://shop.example/product/1',
  custom_data: { value: 12, currency: 'EUR' },
  user_data: { email: 'ada@example.com', ga_client_id: '123456789.1700000000' },
  consent,
})

const beacon = (body: unknown) => postBeacon(harness!.relayUrl, body, { headers: { 'user-agent': BROWSER_UA } })

const serverHits = (platform: 'meta' | 'ga4' | 'tiktok') => harness!.emulator.ledger()[platform].received.filter((entry) => entry.channel === 'server')

describe('resolveConsent', () => {
  it("wins over the browser's consent: ads denied by the hook reach neither Meta nor TikTok; GA4 gets the event without user_data", async () => {
    const seen: string[] = []
    const dir = mkdtempSync(join(tmpdir(), 'pairtrack-consent-'))
    harness = await startRelayHarness({
      config: {
        defaultConsent: 'granted',
        store: `sqlite:${join(dir, 'outbox.db')}`,
        resolveConsent: (req, event) => {
          seen.push(`${req.get('user-agent') === BROWSER_UA}:${event.event_id}`)
          return { ad_storage: 'denied', ad_user_data: 'denied' }
        },
      },
    })
    expect((await beacon(addToCart('hook-1'))).status).toBe(202)
    await harness.relay.flush()

    expect(seen).toEqual(['true:hook-1'])
    expect(serverHits('meta')).toEqual([])
    expect(serverHits('tiktok')).toEqual([])
    const ga4 = serverHits('ga4')
    expect(ga4).toHaveLength(1)
    const payload = ga4[0]!.payload as Record<string, unknown>
    expect(payload.user_data).toBeUndefined()
    expect(payload.consent).toEqual({ ad_user_data: 'DENIED', ad_personalization: 'GRANTED' })

    await harness.relay.close()
    const opened = openOutboxStore(`sqlite:${join(dir, 'outbox.db')}`)
    if (!opened.ok) throw new Error(opened.error.message)
    expect(await opened.value.findRow('meta', 'AddToCart', 'hook-1')).toMatchObject({
      status: 'suppressed',
      decision: 'consent_denied:ad_storage+ad_user_data:resolved',
    })
    expect(await opened.value.findRow('ga4', 'AddToCart', 'hook-1')).toMatchObject({ decision: 'consent_granted:analytics_storage:resolved' })
    await opened.value.close()
  })

  it("keeps the browser's consent when the hook answers undefined", async () => {
    harness = await startRelayHarness({ config: { defaultConsent: 'granted', resolveConsent: () => undefined } })
    await beacon(addToCart('hook-undefined'))
    await harness.relay.flush()
    expect(serverHits('meta')).toHaveLength(1)
    expect(serverHits('tiktok')).toHaveLength(1)
  })

  it('falls back to defaultConsent when the hook throws, keeps the event and warns without PII', async () => {
    const { logger, lines } = capturingLogger()
    harness = await startRelayHarness({
      config: {
        defaultConsent: 'denied',
        logger,
        resolveConsent: () => {
          throw new Error('cookie store down for ada@example.com')
        },
      },
    })
    expect((await beacon(addToCart('hook-throws'))).status).toBe(202)
    await harness.relay.flush()

    // defaultConsent is denied: nothing is sent anywhere, though the browser said granted.
    expect([...serverHits('meta'), ...serverHits('ga4'), ...serverHits('tiktok')]).toEqual([])
    const warnings = lines.filter((line) => line.level === 'warn' && line.message.includes('resolveConsent'))
    expect(warnings).toHaveLength(1)
    expect(warnings[0]!.fields).toMatchObject({ failure: 'threw', event_id: 'hook-throws', fallback: 'denied' })
    expect(JSON.stringify(lines)).not.toContain('ada@example.com')
  })

  it('treats an invalid answer as a failure: granted fallback, but signals the browser denied stay denied', async () => {
    const { logger, lines } = capturingLogger()
    harness = await startRelayHarness({
      config: { defaultConsent: 'granted', logger, resolveConsent: async () => ({ ad_storage: 'maybe' }) as never },
    })
    await beacon(addToCart('hook-invalid', { ...ALL_GRANTED, ad_user_data: 'denied' }))
    await harness.relay.flush()
    expect(serverHits('meta')).toEqual([])
    expect(serverHits('ga4')).toHaveLength(1)
    expect(lines.filter((line) => line.level === 'warn' && line.fields.failure === 'invalid')).toHaveLength(1)
  })

  it('is not used for relay.track(), which takes the event consent, else defaultConsent', async () => {
    let calls = 0
    harness = await startRelayHarness({
      config: {
        defaultConsent: 'denied',
        resolveConsent: () => {
          calls += 1
          return ALL_GRANTED
        },
      },
    })
    const server = { ...addToCart('track-own'), action_source: 'system_generated' as const }
    const own = await harness.relay.track(server)
    expect(own.destinations.meta).toMatchObject({ status: 'queued' })
    const { consent: _unused, ...withoutConsent } = { ...addToCart('track-default'), action_source: 'system_generated' as const }
    const fallback = await harness.relay.track(withoutConsent)
    expect(fallback.destinations.meta).toMatchObject({ status: 'skipped', reason: 'consent_denied:ad_storage+ad_user_data' })
    expect(calls).toBe(0)
  })
})

describe('recordSuppressed', () => {
  it("'none' leaves no record of a suppressed event, while the result still says skipped and why", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pairtrack-consent-'))
    harness = await startRelayHarness({ config: { defaultConsent: 'granted', recordSuppressed: 'none', store: `sqlite:${join(dir, 'outbox.db')}` } })
    const result = await harness.relay.track({
      ...addToCart('none-1', { ...ALL_GRANTED, ad_storage: 'denied' }),
      action_source: 'system_generated',
    })
    expect(result.destinations.meta).toMatchObject({ status: 'skipped', reason: 'consent_denied:ad_storage' })
    expect(result.destinations.tiktok).toMatchObject({ status: 'skipped', reason: 'consent_denied:ad_storage' })
    expect(result.destinations.ga4).toMatchObject({ status: 'queued' })
    await harness.relay.flush()
    await harness.relay.close()

    const opened = openOutboxStore(`sqlite:${join(dir, 'outbox.db')}`)
    if (!opened.ok) throw new Error(opened.error.message)
    expect(await opened.value.findRow('meta', 'AddToCart', 'none-1')).toBeNull()
    expect(await opened.value.findRow('tiktok', 'AddToCart', 'none-1')).toBeNull()
    expect(await opened.value.findRow('ga4', 'AddToCart', 'none-1')).toMatchObject({ decision: 'consent_granted:analytics_storage' })
    await opened.value.close()
  })

  it("'hashed' (the default) records the suppressed event", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pairtrack-consent-'))
    harness = await startRelayHarness({ config: { defaultConsent: 'granted', store: `sqlite:${join(dir, 'outbox.db')}` } })
    await harness.relay.track({ ...addToCart('hashed-1', { ad_storage: 'denied' }), action_source: 'system_generated' })
    await harness.relay.close()
    const opened = openOutboxStore(`sqlite:${join(dir, 'outbox.db')}`)
    if (!opened.ok) throw new Error(opened.error.message)
    const row = await opened.value.findRow('meta', 'AddToCart', 'hashed-1')
    expect(row).toMatchObject({ status: 'suppressed', decision: 'consent_denied:ad_storage' })
    expect(JSON.stringify(row)).not.toContain('ada@example.com')
    await opened.value.close()
  })
})

describe('consentPurpose', () => {
  const adsDenied = { ...ALL_GRANTED, ad_storage: 'denied', ad_user_data: 'denied' } as const

  it("GA4 as 'analytics' (the default) gets analytics-only data while advertising is denied", async () => {
    harness = await startRelayHarness({ config: { defaultConsent: 'granted' } })
    const result = await harness.relay.track({ ...addToCart('purpose-1', adsDenied), action_source: 'system_generated' })
    expect(result.destinations.ga4).toMatchObject({ status: 'queued' })
    await harness.relay.flush()
    expect(serverHits('ga4')).toHaveLength(1)
  })

  it("GA4 as 'ads' gets nothing while advertising is denied, and the decision says why", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pairtrack-consent-'))
    harness = await startRelayHarness({ config: { defaultConsent: 'granted', consentPurpose: { ga4: 'ads' }, store: `sqlite:${join(dir, 'outbox.db')}` } })
    const denied = await harness.relay.track({ ...addToCart('purpose-2', adsDenied), action_source: 'system_generated' })
    expect(denied.destinations.ga4).toMatchObject({ status: 'skipped', reason: 'consent_denied:ad_storage+ad_user_data' })
    const granted = await harness.relay.track({ ...addToCart('purpose-3'), action_source: 'system_generated' })
    expect(granted.destinations.ga4).toMatchObject({ status: 'queued' })
    await harness.relay.flush()
    expect(serverHits('ga4')).toHaveLength(1)
    await harness.relay.close()

    const opened = openOutboxStore(`sqlite:${join(dir, 'outbox.db')}`)
    if (!opened.ok) throw new Error(opened.error.message)
    expect(await opened.value.findRow('ga4', 'AddToCart', 'purpose-2')).toMatchObject({ status: 'suppressed', decision: 'consent_denied:ad_storage+ad_user_data' })
    expect(await opened.value.findRow('ga4', 'AddToCart', 'purpose-3')).toMatchObject({ decision: 'consent_granted:ad_storage+ad_user_data' })
    await opened.value.close()
  })

  it('refuses an unknown destination or purpose at start, naming it', async () => {
    await expect(startRelayHarness({ config: { consentPurpose: { ga4: 'marketing' } as never } })).rejects.toThrow(/consentPurpose/)
    await expect(startRelayHarness({ config: { consentPurpose: { snapchat: 'ads' } as never } })).rejects.toThrow(/consentPurpose/)
  })
})

describe('the warning when no consent source is configured', () => {
  const noSourceWarnings = (lines: Logged[]) => lines.filter((line) => line.level === 'warn' && line.message.includes('no consent source'))

  it('is logged once at start, saying events go as granted and pointing to the README', async () => {
    const { logger, lines } = capturingLogger()
    harness = await startRelayHarness({ config: { logger } })
    await harness.relay.track({ ...addToCart('warn-1'), action_source: 'system_generated' })
    const warnings = noSourceWarnings(lines)
    expect(warnings).toHaveLength(1)
    expect(warnings[0]!.message).toContain("'granted'")
    expect(warnings[0]!.message).toContain('README')
  })

  it.each<[string, Partial<RelayConfigInput>]>([
    ['defaultConsent granted', { defaultConsent: 'granted' }],
    ['defaultConsent denied', { defaultConsent: 'denied' }],
    ['resolveConsent', { resolveConsent: () => undefined }],
  ])('is not logged with %s', async (_name, config) => {
    const { logger, lines } = capturingLogger()
    harness = await startRelayHarness({ config: { logger, ...config } })
    expect(noSourceWarnings(lines)).toEqual([])
  })
})

describe('limited data use', () => {
  it("puts data_processing_options ['LDU'] in the Meta payload and limited_data_use in TikTok's", async () => {
    harness = await startRelayHarness({ config: { defaultConsent: 'granted' } })
    await beacon(addToCart('ldu-1', { ...ALL_GRANTED, limited_data_use: true }))
    await beacon(addToCart('ldu-0'))
    await harness.relay.flush()
    const meta = serverHits('meta')
    const ldu = meta.find((entry) => entry.eventId === 'ldu-1')!.payload as Record<string, unknown>
    expect(ldu).toMatchObject({ data_processing_options: ['LDU'], data_processing_options_country: 0, data_processing_options_state: 0 })
    const plain = meta.find((entry) => entry.eventId === 'ldu-0')!.payload as Record<string, unknown>
    expect(plain.data_processing_options).toEqual([])
    const tiktok = serverHits('tiktok').find((entry) => entry.eventId === 'ldu-1')!.payload
    expect(JSON.stringify(tiktok)).toContain('"limited_data_use":true')
  })
})

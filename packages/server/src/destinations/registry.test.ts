import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { PLATFORM_IDS } from '@pairtrack/shared'
import { describe, expect, it } from 'vitest'
import { GOLDEN_NOW, readGoldenEvents } from './golden.js'
import type { Destination } from './destination.js'
import { destinations } from './registry.js'

const fixturesOf = (id: string) => fileURLToPath(new URL(`./${id}/fixtures/`, import.meta.url))

// The config comes from the destination's own schema, so the widening to unknown is safe here.
function publicAndSecret(destination: Destination<unknown>, dir: string) {
  const config = destination.configSchema.parse(JSON.parse(readFileSync(`${dir}config.json`, 'utf8')))
  const { secrets } = destination.toRequest(readGoldenEvents(dir, 'purchase'), config, GOLDEN_NOW)
  return { secrets, published: JSON.stringify(destination.publicConfig(config)) }
}

describe('destination registry', () => {
  it('has one destination per platform id', () => {
    expect(Object.keys(destinations).sort()).toEqual([...PLATFORM_IDS].sort())
  })

  describe.each(Object.entries(destinations))('%s', (key, destination) => {
    const dir = fixturesOf(key)
    const parsed = destination.configSchema.safeParse(JSON.parse(readFileSync(`${dir}config.json`, 'utf8')))

    it('has the id of its registry key', () => {
      expect(destination.id).toBe(key)
    })

    it('parses its fixtures config', () => {
      expect(parsed.success).toBe(true)
    })

    it('keeps request and response fixtures for the cases that matter', () => {
      const files = readdirSync(dir)
      for (const name of ['purchase.event.json', 'multiple-emails.event.json', 'custom-event.event.json', 'batch.event.json']) expect(files).toContain(name)
      for (const name of ['delivered', 'rate-limited', 'server-error', 'network-timeout']) expect(existsSync(`${dir}${name}.response.json`)).toBe(true)
    })

    it('publishes no secret in its public config', () => {
      const { secrets, published } = publicAndSecret(destination, dir)
      expect(secrets.length).toBeGreaterThan(0)
      for (const secret of secrets) expect(published).not.toContain(secret)
    })
  })
})

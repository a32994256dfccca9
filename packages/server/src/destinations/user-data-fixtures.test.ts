// Keeps the golden fixtures honest (STYLE.md habit 2): every `<case>.user-data.json` holds the raw user
// data that `<case>.event.json`'s stored `userData` was hashed from, and this test checks the stored
// hashes are exactly what `hashUserData` makes of it today. `UPDATE_GOLDEN=1` rewrites the `userData` of
// the event file (then the golden requests are rewritten too; review both diffs).
import { createHash } from 'node:crypto'
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { hashUserData } from '@pairtrack/shared'
import type { RawUserData } from '@pairtrack/shared'
import { describe, expect, it } from 'vitest'
import { GOLDEN_NOW } from './golden.js'

type UserDataFixture = { defaultCountry?: string; userData: RawUserData }

const sha256 = (input: string) => createHash('sha256').update(input, 'utf8').digest('hex')
const SUFFIX = '.user-data.json'
const readJson = (path: string): unknown => JSON.parse(readFileSync(path, 'utf8')) as unknown

for (const destination of ['meta', 'ga4', 'tiktok']) {
  const dir = join(import.meta.dirname, destination, 'fixtures')
  describe(`${destination} fixture user data`, () => {
    for (const name of readdirSync(dir).filter((file) => file.endsWith(SUFFIX))) {
      const caseName = name.slice(0, -SUFFIX.length)
      it(`${caseName}.event.json holds hashUserData of ${name}`, () => {
        const { defaultCountry, userData } = readJson(join(dir, name)) as UserDataFixture
        const hashed = hashUserData(userData, { sha256, now: GOLDEN_NOW, ...(defaultCountry ? { defaultCountry } : {}) })
        const eventPath = join(dir, `${caseName}.event.json`)
        expect(existsSync(eventPath), eventPath).toBe(true)
        const event = readJson(eventPath) as { userData: unknown }
        if (process.env.UPDATE_GOLDEN === '1') {
          writeFileSync(eventPath, `${JSON.stringify({ ...event, userData: hashed }, null, 2)}\n`)
          return
        }
        expect(event.userData).toEqual(JSON.parse(JSON.stringify(hashed)))
      })
    }
  })
}

import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { CloseCode, errorCodes } from '../src/index.js'

// docs/errors.md is the user-facing copy of the code table; this keeps the two from drifting.
const doc = readFileSync(new URL('../../../docs/errors.md', import.meta.url), 'utf8')
const rows = new Map(
  [...doc.matchAll(/^\| `([A-Z_]+)` \| (\d+) \| (\d+) \| ([^|]+) \| (client|server) \|/gm)].map((m) => [
    m[1],
    { close: Number(m[2]), status: Number(m[3]), message: m[4]!.trim(), blame: m[5] },
  ]),
)

describe('docs/errors.md', () => {
  it('lists every error code with its close code, HTTP status, client message and blame, and nothing else', () => {
    expect([...rows.keys()].sort()).toEqual(Object.keys(errorCodes).sort())
    for (const [code, entry] of Object.entries(errorCodes))
      expect(rows.get(code), code).toEqual({ close: entry.close, status: entry.status, message: entry.message, blame: entry.blame })
  })

  it('lists every named close code', () => {
    for (const [name, code] of Object.entries(CloseCode)) expect(doc, name).toMatch(new RegExp(`^\\| ${code} \\| \`${name}\` \\|`, 'm'))
  })
})

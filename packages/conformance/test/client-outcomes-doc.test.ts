import { readFileSync, writeFileSync } from 'node:fs'
import { errorCodes } from '@wsbridge/core'
import { describe, expect, it } from 'vitest'
import { clientOutcomes } from '../src/client-outcomes.js'
import { findClientOutcomes, renderClientOutcomes } from '../src/client-outcomes-table.js'

const docUrl = new URL('../../../docs/errors.md', import.meta.url)

describe('docs/errors.md: the table of client-caused outcomes', () => {
  it('is exactly the table rendered from client-outcomes.ts (WSBRIDGE_WRITE_DOCS=1 rewrites it)', () => {
    const doc = readFileSync(docUrl, 'utf8')
    const current = findClientOutcomes(doc)
    const rendered = renderClientOutcomes()
    if (process.env['WSBRIDGE_WRITE_DOCS'] === '1' && current !== undefined && current !== rendered)
      writeFileSync(docUrl, doc.replace(current, rendered))
    else expect(current, 'docs/errors.md lost its client-outcomes markers').toBe(rendered)
  })

  it('covers every client-caused code the error table marks, and only those', () => {
    const covered = new Set(clientOutcomes.filter((o) => o.blame === 'client' || o.hook === 'onRefused').map((o) => o.code))
    const clientCodes = Object.entries(errorCodes)
      .filter(([, entry]) => entry.blame === 'client')
      .map(([code]) => code)
    for (const code of clientCodes) expect(covered.has(code as never), code).toBe(true)
    for (const outcome of clientOutcomes) expect(errorCodes[outcome.code].blame === 'client', outcome.code).toBe(true)
  })
})

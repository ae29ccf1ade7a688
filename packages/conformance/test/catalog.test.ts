import { defineRoute } from '@wsbridge/core'
import { describe, expect, it } from 'vitest'
import { fixtureRoutes, mergeRoutes } from '../src/routes/index.js'
import { conformanceCases } from '../src/catalog.js'
import { renderCompatibilityTable } from '../src/compat-table.js'
import type { HostCapabilities } from '../src/host.js'
import { Tally } from '../src/tally.js'

const route = defineRoute({ kind: 'ws', handler: { onMessage: () => undefined } })
const capabilities: Required<HostCapabilities> = {
  nativePubSub: false,
  httpRoutes: true,
  protocolCloseFrames: true,
  restart: false,
  fallbackRoute: true,
  fragmentLimit: true,
  rawRequestTarget: true,
  compression: true,
  strictFraming: true,
  heartbeatDrop: true,
  closeWhileReceiving: true,
  abortiveClose: true,
  serverPing: true,
  refusalHeaders: true,
  protocolErrors: true,
  payloadLimit: true,
  compressionControl: true,
  bufferedAmount: true,
  headerLimit: true,
  nonGetUpgrade: true,
  closeOutsideEvents: true,
  closeInOpen: true,
}

describe('conformanceCases', () => {
  it('lists every case once, with a capability the host contract knows', () => {
    const keys = conformanceCases.map((c) => `${c.group} / ${c.name}`)
    expect(new Set(keys).size).toBe(keys.length)
    expect(conformanceCases.length).toBeGreaterThanOrEqual(25)
    for (const c of conformanceCases) if (c.needs !== undefined) expect(Object.keys(capabilities)).toContain(c.needs)
    expect(conformanceCases).toContainEqual({
      group: 'http',
      name: "the host's own HTTP routes keep answering on the same port",
      needs: 'httpRoutes',
    })
  })
})

describe('mergeRoutes', () => {
  it('merges route files and refuses a key two of them define', () => {
    expect(Object.keys(mergeRoutes({ a: { one: route }, b: { two: route } }))).toEqual(['one', 'two'])
    expect(() => mergeRoutes({ a: { one: route }, c: { one: route } })).toThrow(/"one" is defined in a and c/)
  })

  it('the fixture serves every route file without a clash', () => {
    expect(Object.keys(fixtureRoutes)).toContain('echo')
    expect(Object.keys(fixtureRoutes)).toContain('squeeze')
  })
})

describe('Tally and the compatibility table', () => {
  const tally = new Tally('demo')
  tally.add({ group: 'g', name: 'works', needs: undefined, status: 'passed' })
  tally.add({ group: 'g', name: 'broken', needs: undefined, status: 'failed' })
  tally.add({ group: 'g', name: 'health', needs: 'httpRoutes', status: 'skipped', reason: 'no HTTP server' })

  it('prints one summary line with skips and their reasons', () => {
    expect(tally.summary()).toBe('conformance demo: 1 passed, 1 failed, 1 skipped (httpRoutes: no HTTP server)')
  })

  it('renders cases × hosts with footnotes for skips and – for unreported cases', () => {
    const other = new Tally('other')
    other.add({ group: 'g', name: 'works', needs: undefined, status: 'passed' })
    const cases = [
      { group: 'g', name: 'works', needs: undefined },
      { group: 'g', name: 'health', needs: 'httpRoutes' as const },
      { group: 'g', name: 'a | b', needs: undefined },
    ]
    expect(renderCompatibilityTable([tally.report(capabilities), other.report(capabilities)], cases)).toBe(
      [
        '| group | case | demo | other |',
        '|---|---|:-:|:-:|',
        '| g | works | ✓ | ✓ |',
        '| g | health | ⨉[^1] | – |',
        '| g | a \\| b | – | – |',
        '',
        '[^1]: demo: no HTTP server',
        '',
      ].join('\n'),
    )
  })
})

import { expect } from 'vitest'
import type { SuiteContext } from '../../context.js'
import { expectEchoes } from '../../helpers.js'
import type { RawOutcome } from '../../raw-frames.js'
import type { RunningHost } from '../../running-host.js'

/** Polls `predicate` until it holds or `timeout` ms pass (then fails with `what`). */
export async function eventually(predicate: () => boolean, what: string, timeout = 3000): Promise<void> {
  const deadline = Date.now() + timeout
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
}

/** A fresh client on `/echo` still round-trips: the host kept serving through the abuse. */
export async function expectHealthy(ctx: SuiteContext): Promise<void> {
  const client = await ctx.connect('/echo')
  await expectEchoes(client, { healthy: true })
  client.close()
}

/**
 * Nothing leaked: once every client of the case is gone, the bridge's connection registry and
 * topic index are empty again. Callers close or terminate their own clients first.
 */
export async function expectNoLeaks(ctx: SuiteContext, closeAll: () => void): Promise<void> {
  closeAll()
  await expectEmptyRegistry(ctx.running)
}

/** The host's connection registry (the observer aside) and topic index are empty, or become so. */
export async function expectEmptyRegistry(host: RunningHost): Promise<void> {
  let last = ''
  await host
    .poll(async () => {
      const [connections, topics] = await Promise.all([host.connectionCount(), host.topicCount()])
      last = `size ${connections}, topics ${topics}`
      return connections === 0 && topics === 0
    }, `an empty registry`)
    .catch((error: Error) => {
      throw new Error(`${error.message} (${last})`)
    })
}

/**
 * RFC 6455 says to fail the connection with a close code; a runtime that declares
 * `protocolCloseFrames: false` drops the TCP connection instead, which is equally safe.
 */
export function expectProtocolOutcome(ctx: SuiteContext, outcome: RawOutcome, code: number): void {
  if (ctx.capabilities.protocolCloseFrames || outcome.kind === 'close') expect(outcome).toMatchObject({ kind: 'close', code })
  else expect(outcome).toEqual({ kind: 'dropped' })
}

import { WsError } from './errors.js'
import { createMemoryRequestDedupe } from './request-dedupe.js'
import type { DedupeClaim, DedupedRequest, RequestDedupeStore } from './request-dedupe-store.js'
import { errorReplyFrame } from './request-frames.js'

/** Where a reply goes: the connection that asked last (a resend moves it there). */
export type ReplyTarget = (frame: string) => void

/** One bridge's dedupe window: its store, and the deduped handlers running on this instance. */
export interface DedupeWindow {
  readonly store: RequestDedupeStore
  /** Running here, by key: where the reply goes (undefined once its asker cancelled). */
  readonly running: Map<string, ReplyTarget | undefined>
}

/** What the bridge does for one deduped request; `replayed` is told when it is answered without running. */
export interface DedupeAsker {
  /** Whether the asker went (cancel, close); read lazily, so a request that is never aborted makes no AbortSignal. */
  aborted(): boolean
  readonly send: ReplyTarget
  run(): Promise<string>
  failed(error: WsError): void
  replayed(): void
  /** The asker went before any reply reached it and none will be sent: whatever it holds can go. */
  dropped(): void
}

/** The first wait before asking the store again about a request another instance runs; doubles up to POLL_MAX_MS. */
const POLL_FIRST_MS = 25
const POLL_MAX_MS = 500
/** How long a resend waits for another instance's handler before it is answered REQUEST_TIMEOUT. */
export const DEDUPE_WAIT_MS = 120_000

const windows: WeakMap<object, DedupeWindow> = new WeakMap()

/** The window of the bridge whose connection host is `host`: its `requestDedupe` store, else this instance's memory. */
export function windowOf(host: { readonly requestDedupe?: RequestDedupeStore | undefined }): DedupeWindow {
  let window = windows.get(host)
  if (window === undefined) windows.set(host, (window = { store: host.requestDedupe ?? createMemoryRequestDedupe(), running: new Map() }))
  return window
}

/**
 * A request with a session id: run its handler unless the window knows it. A resend while the
 * handler runs here takes over its reply; one the store has a reply for gets it; one another
 * instance is running waits for that instance's reply (asking the store again, backing off), runs
 * it if that claim lapses (the instance died), and gives up after DEDUPE_WAIT_MS or when the asker
 * goes (cancel, close). A store that fails answers INTERNAL and runs nothing: at most once first.
 */
export function dedupe(window: DedupeWindow, request: DedupedRequest, asker: DedupeAsker): void {
  if (attach(window, request.key, asker)) return
  ask(window, request, asker, (claim) => decide(window, request, asker, claim))
}

/** The asker of a running handler cancelled: its reply goes nowhere, unless a resend took it over. */
export function detach(window: DedupeWindow, key: string, send: ReplyTarget): void {
  if (window.running.get(key) === send) window.running.set(key, undefined)
}

function attach(window: DedupeWindow, key: string, asker: DedupeAsker): boolean {
  if (!window.running.has(key)) return false
  window.running.set(key, asker.send)
  asker.replayed()
  return true
}

function ask(window: DedupeWindow, request: DedupedRequest, asker: DedupeAsker, then: (claim: DedupeClaim) => void): void {
  const unavailable = (error: unknown): void => {
    asker.failed(new WsError('INTERNAL', '[wsbridge] the request dedupe store failed', { cause: error }))
    asker.send(errorReplyFrame(request.id, new WsError('INTERNAL')))
  }
  let claim: DedupeClaim | Promise<DedupeClaim>
  try {
    claim = window.store.claim(request)
  } catch (error) {
    return unavailable(error)
  }
  if (claim instanceof Promise) claim.then(then, unavailable)
  else then(claim)
}

function decide(window: DedupeWindow, request: DedupedRequest, asker: DedupeAsker, claim: DedupeClaim): void {
  // The asker went (cancel, close) while the store answered: nothing to send. A claim still runs,
  // its signal already aborted, so the claim ends with a stored reply instead of blocking resends.
  if (asker.aborted() && claim.state !== 'claimed') return asker.dropped()
  if (claim.state === 'replied') {
    asker.replayed()
    return asker.send(claim.reply)
  }
  if (claim.state === 'running') {
    if (!attach(window, request.key, asker)) void waitElsewhere(window, request, asker, Date.now() + DEDUPE_WAIT_MS, POLL_FIRST_MS)
    return
  }
  window.running.set(request.key, asker.send)
  void asker.run().then((reply) => {
    const target = window.running.get(request.key)
    window.running.delete(request.key)
    // Delivered here at once; the store write is for resends that reach another instance.
    target?.(reply)
    try {
      const settled = window.store.settle(request, reply)
      if (settled instanceof Promise) settled.catch((error: unknown) => asker.failed(storeFailed(error)))
    } catch (error) {
      asker.failed(storeFailed(error))
    }
  })
}

async function waitElsewhere(window: DedupeWindow, request: DedupedRequest, asker: DedupeAsker, deadline: number, delay: number) {
  await new Promise((resolve) => setTimeout(resolve, delay))
  if (asker.aborted()) return asker.dropped()
  if (attach(window, request.key, asker)) return
  ask(window, request, asker, (claim) => {
    if (claim.state !== 'running' || window.running.has(request.key)) return decide(window, request, asker, claim)
    if (Date.now() < deadline) return void waitElsewhere(window, request, asker, deadline, Math.min(delay * 2, POLL_MAX_MS))
    asker.send(errorReplyFrame(request.id, new WsError('REQUEST_TIMEOUT', 'The request is still running on another instance')))
  })
}

function storeFailed(error: unknown): WsError {
  return new WsError('INTERNAL', '[wsbridge] the request dedupe store could not keep a reply', { cause: error })
}

import type { Hooks } from './hooks.js'
import { toError } from './policy.js'

/** Supplies a fresh token for a live connection (see `ClientOptions.refreshToken`). */
export type RefreshTokenSource = () => string | Promise<string>

/** setTimeout's largest delay; a later refresh waits in steps. */
const MAX_TIMER = 2 ** 31 - 1
/** The least time before expiry a refresh is sent, for tokens long enough to afford it. */
const REFRESH_MARGIN_MS = 5000
/** The share of a token's life that passes before a short-lived token is refreshed. */
const REFRESH_AT_SHARE = 0.8

/**
 * When to ask for a new token, `expiresIn` ms before the server closes with 4401: at 80% of the
 * remaining life or 5 s before expiry, whichever is later. Long tokens are used almost to the end
 * (one refresh per lifetime, 5 s to spare for the callback and the round trip); short ones keep a
 * fifth of their life for it, since 5 s would be all or more of it.
 */
export function refreshDelay(expiresIn: number): number {
  return Math.max(0, Math.max(expiresIn * REFRESH_AT_SHARE, expiresIn - REFRESH_MARGIN_MS))
}

/**
 * The refresh timer of one socket. The server announces `{"~":"auth","expiresIn":ms}` at open and
 * after each accepted refresh; this calls the user's source in time and sends `{"~":"auth","token"}`
 * on the same socket. A source that throws or rejects is reported, and nothing is sent: the server
 * then closes with 4401, which the client does not reconnect after.
 */
export class TokenRefresh {
  readonly #options: { readonly refreshToken?: RefreshTokenSource | undefined }
  readonly #send: (frame: string) => void
  readonly #hooks: Pick<Hooks, 'error'>
  #timer: ReturnType<typeof setTimeout> | undefined
  /** Bumped by every announcement and stop, so a refresh that settles late for an old one is dropped. */
  #generation = 0

  /** `send` writes onto the current socket; a socket that closed meanwhile has stopped this already. */
  constructor(
    options: { readonly refreshToken?: RefreshTokenSource | undefined },
    send: (frame: string) => void,
    hooks: Pick<Hooks, 'error'>,
  ) {
    this.#options = options
    this.#send = send
    this.#hooks = hooks
  }

  /** The server announced the token's remaining life (null: it no longer expires). */
  announced(expiresIn: number | null): void {
    this.stop()
    if (expiresIn === null || this.#options.refreshToken === undefined) return
    this.#wait(refreshDelay(expiresIn), this.#generation)
  }

  /** The socket closed (or the connection did): no refresh is pending any more. */
  stop(): void {
    this.#generation++
    if (this.#timer !== undefined) clearTimeout(this.#timer)
    this.#timer = undefined
  }

  #wait(delay: number, generation: number): void {
    this.#timer = setTimeout(
      () => {
        this.#timer = undefined
        if (delay > MAX_TIMER) this.#wait(delay - MAX_TIMER, generation)
        else void this.#refresh(generation)
      },
      Math.min(delay, MAX_TIMER),
    )
  }

  async #refresh(generation: number): Promise<void> {
    let token: unknown
    try {
      token = await this.#options.refreshToken?.()
    } catch (error) {
      if (generation === this.#generation) this.#hooks.error(toError(error))
      return
    }
    if (generation !== this.#generation) return
    if (typeof token !== 'string' || token.length === 0) {
      this.#hooks.error(new Error('[wsbridge] refreshToken returned no token'))
      return
    }
    this.#send(JSON.stringify({ '~': 'auth', token }))
  }
}

/** Typing indicator, both directions, with timeouts so a lost "stopped" message cannot stick. */

const STOP_AFTER_MS = 2500
const FORGET_AFTER_MS = 6000

/** Sends `true` on the first keystroke and `false` once the user pauses, sends, or clears the box. */
export class TypingSender {
  readonly #send: (isTyping: boolean) => void
  #typing = false
  #timer: ReturnType<typeof setTimeout> | undefined

  constructor(send: (isTyping: boolean) => void) {
    this.#send = send
  }

  input(text: string): void {
    if (text.trim() === '') return this.stop()
    if (!this.#typing) {
      this.#typing = true
      this.#send(true)
    }
    clearTimeout(this.#timer)
    this.#timer = setTimeout(() => this.stop(), STOP_AFTER_MS)
  }

  stop(): void {
    clearTimeout(this.#timer)
    if (!this.#typing) return
    this.#typing = false
    this.#send(false)
  }
}

/** Who is typing in the current room; a name is dropped if its "stopped" never arrives. */
export class TypingList {
  readonly #users: Map<string, ReturnType<typeof setTimeout>> = new Map()
  readonly #changed: (users: string[]) => void

  constructor(changed: (users: string[]) => void) {
    this.#changed = changed
  }

  set(user: string, isTyping: boolean): void {
    clearTimeout(this.#users.get(user))
    if (isTyping)
      this.#users.set(
        user,
        setTimeout(() => this.set(user, false), FORGET_AFTER_MS),
      )
    else this.#users.delete(user)
    this.#changed([...this.#users.keys()].sort())
  }

  clear(): void {
    for (const timer of this.#users.values()) clearTimeout(timer)
    this.#users.clear()
    this.#changed([])
  }
}

import { messageLine, showPresence, view } from './view.js'

/** Lines kept per room: enough for a demo, bounded so a busy room cannot grow the page forever. */
const MAX_LINES = 500

interface RoomState {
  readonly lines: HTMLLIElement[]
  unread: number
  users: readonly string[]
}

/**
 * What the page remembers of each room it is in: its lines, unread count and member list. The
 * message list shows one room at a time; lines for the others are kept and counted as unread.
 */
export class RoomLog {
  readonly #rooms: Map<string, RoomState> = new Map()
  #showing = ''

  get showing(): string {
    return this.#showing
  }

  /** Rooms in the order they became known, with their unread counts. */
  entries(): { room: string; unread: number }[] {
    return [...this.#rooms].map(([room, state]) => ({ room, unread: state.unread }))
  }

  has(room: string): boolean {
    return this.#rooms.has(room)
  }

  /** Makes `room` known (it appears in the room list) without showing it. */
  ensure(room: string): RoomState {
    let state = this.#rooms.get(room)
    if (!state) {
      state = { lines: [], unread: 0, users: [] }
      this.#rooms.set(room, state)
    }
    return state
  }

  /** Shows `room` in the message list: its lines and members; its unread count is cleared. */
  show(room: string): void {
    const state = this.ensure(room)
    this.#showing = room
    state.unread = 0
    view.messages.replaceChildren(...state.lines)
    view.messages.scrollTop = view.messages.scrollHeight
    showPresence(state.users)
  }

  /** Adds a line to `room`; `unread` counts it when the room is not the one on screen. */
  add(room: string, line: HTMLLIElement, unread = false): void {
    const state = this.ensure(room)
    state.lines.push(line)
    if (state.lines.length > MAX_LINES) state.lines.shift()?.remove()
    if (room !== this.#showing) {
      if (unread) state.unread++
      return
    }
    view.messages.append(line)
    view.messages.scrollTop = view.messages.scrollHeight
  }

  /** A notice in the room on screen (or the given one). */
  notice(text: string, room: string = this.#showing): void {
    this.add(room, messageLine('notice', text))
  }

  /** Removes the oldest pending line of `room` with this text: the server echoed the message. */
  settlePending(room: string, text: string): void {
    const state = this.#rooms.get(room)
    const index = state?.lines.findIndex((line) => line.classList.contains('pending') && line.querySelector('.text')?.textContent === text)
    if (state === undefined || index === undefined || index < 0) return
    state.lines.splice(index, 1)[0]?.remove()
  }

  setPresence(room: string, users: readonly string[]): void {
    this.ensure(room).users = users
    if (room === this.#showing) showPresence(users)
  }
}

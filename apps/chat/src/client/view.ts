/** DOM helpers for the chat page (public/index.html). No framework: a few elements by id. */

function byId<T extends HTMLElement>(id: string): T {
  const element = document.getElementById(id)
  if (!element) throw new Error(`[chat] #${id} is missing from index.html`)
  return element as T
}

export const view = {
  status: byId<HTMLSpanElement>('status'),
  server: byId<HTMLSpanElement>('server'),
  error: byId<HTMLParagraphElement>('error'),
  login: byId<HTMLFormElement>('login'),
  token: byId<HTMLSelectElement>('token'),
  chat: byId<HTMLElement>('chat'),
  rooms: byId<HTMLUListElement>('rooms'),
  joinForm: byId<HTMLFormElement>('join-form'),
  roomInput: byId<HTMLInputElement>('room-input'),
  roomName: byId<HTMLSpanElement>('room-name'),
  presence: byId<HTMLUListElement>('presence'),
  messages: byId<HTMLOListElement>('messages'),
  typing: byId<HTMLParagraphElement>('typing'),
  composer: byId<HTMLFormElement>('composer'),
  text: byId<HTMLInputElement>('text'),
}

export function showStatus(state: string, label: string = state): void {
  view.status.dataset['state'] = state
  view.status.textContent = label
}

/** "served by express": the host name the server sent in its welcome. */
export function showServer(server: string | undefined): void {
  view.server.hidden = server === undefined
  view.server.textContent = server === undefined ? '' : `served by ${server}`
}

export function showError(text: string | undefined): void {
  view.error.hidden = text === undefined
  view.error.textContent = text ?? ''
}

/** How a line in the message list looks: someone's message (yours or another's), a member event, or a notice. */
export type LineKind = 'mine' | 'theirs' | 'event' | 'notice' | 'pending'

/** One line of the message list; `from` is shown in bold before the text. */
export function messageLine(kind: LineKind, text: string, from?: string, at: number = Date.now()): HTMLLIElement {
  const item = document.createElement('li')
  item.className = kind
  const time = document.createElement('time')
  time.className = 'time'
  time.dateTime = new Date(at).toISOString()
  time.textContent = new Date(at).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })
  item.append(time)
  if (from !== undefined) {
    const name = document.createElement('span')
    name.className = 'from'
    name.textContent = from
    item.append(name)
  }
  const body = document.createElement('span')
  body.className = 'text'
  body.textContent = text
  item.append(body)
  return item
}

export interface RoomEntry {
  readonly room: string
  readonly unread: number
}

export function showRooms(rooms: readonly RoomEntry[], current: string, onPick: (room: string) => void): void {
  view.rooms.replaceChildren(
    ...rooms.map(({ room, unread }) => {
      const button = document.createElement('button')
      button.type = 'button'
      button.dataset['room'] = room
      button.textContent = `# ${room}`
      button.setAttribute('aria-current', String(room === current))
      if (unread > 0) {
        const badge = document.createElement('span')
        badge.className = 'unread'
        badge.textContent = unread > 99 ? '99+' : String(unread)
        badge.setAttribute('aria-label', `${unread} unread`)
        button.append(' ', badge)
      }
      button.onclick = () => onPick(room)
      const item = document.createElement('li')
      item.append(button)
      return item
    }),
  )
}

export function showPresence(users: readonly string[]): void {
  view.presence.replaceChildren(
    ...users.map((user) => {
      const item = document.createElement('li')
      item.textContent = user
      return item
    }),
  )
}

export function showTyping(users: readonly string[]): void {
  view.typing.textContent =
    users.length === 0
      ? ''
      : users.length === 1
        ? `${users[0]} is typing…`
        : `${users.slice(0, -1).join(', ')} and ${users.at(-1)} are typing…`
}

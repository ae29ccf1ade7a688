/** DOM helpers for the chat page (public/index.html). No framework: a few elements by id. */

function byId<T extends HTMLElement>(id: string): T {
  const element = document.getElementById(id)
  if (!element) throw new Error(`[chat] #${id} is missing from index.html`)
  return element as T
}

export const view = {
  status: byId<HTMLSpanElement>('status'),
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

export function showError(text: string | undefined): void {
  view.error.hidden = text === undefined
  view.error.textContent = text ?? ''
}

export function addMessage(from: string | undefined, text: string, at: number = Date.now()): void {
  const item = document.createElement('li')
  const time = document.createElement('span')
  time.className = 'time'
  time.textContent = new Date(at).toLocaleTimeString()
  item.append(time)
  if (from === undefined) {
    item.classList.add('notice')
  } else {
    const name = document.createElement('span')
    name.className = 'from'
    name.textContent = from
    item.append(name)
  }
  item.append(text)
  view.messages.append(item)
  view.messages.scrollTop = view.messages.scrollHeight
}

export function showRooms(rooms: readonly string[], current: string | undefined, onPick: (room: string) => void): void {
  view.rooms.replaceChildren(
    ...rooms.map((room) => {
      const button = document.createElement('button')
      button.type = 'button'
      button.textContent = `# ${room}`
      button.setAttribute('aria-current', String(room === current))
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

// The chat page's script. Bundled for the browser by esbuild at server start (src/server/page.ts).
// It imports the routes' *type* only: no server code and no valibot end up in the bundle.
import { setupBridge, WsError, type ClientConnection, type ClientMessageOf, type ServerMessageOf } from '@wsbridge/core/client'
import type { routes } from '../routes.js'
import { TypingList, TypingSender } from './typing.js'
import { addMessage, showError, showPresence, showRooms, showStatus, showTyping, view } from './view.js'

type ChatRoute = (typeof routes)['chat']
type ServerMessage = ServerMessageOf<ChatRoute>

// Reconnect quickly after a server restart; the client backs off (with jitter) if it stays down.
const { $ws } = setupBridge<typeof routes>({ baseUrl: '/api', reconnect: { initialDelay: 300, maxDelay: 5000 } })

const pageQuery = new URLSearchParams(location.search)
let wantedRoom = pageQuery.get('room') ?? 'general'
let currentRoom: string | undefined
let knownRooms: string[] = []
let me = ''
let connection: ClientConnection<ClientMessageOf<ChatRoute>> | undefined
/** Set when the server refused our token: the status keeps saying so after the client closes. */
let refusedWith: number | undefined

const typingList = new TypingList(showTyping)
const typingSender = new TypingSender((isTyping) => connection?.send({ type: 'typing', isTyping }))

function join(room: string): void {
  wantedRoom = room
  connection?.send({ type: 'join', room })
}

function renderRooms(): void {
  showRooms(knownRooms, currentRoom, join)
}

function handle(message: ServerMessage): void {
  switch (message.type) {
    case 'welcome':
      // Also sent after every reconnect: rejoin the room we were in.
      me = message.user
      if (refusedWith === undefined) showStatus('open', `connected as ${me}`)
      knownRooms = [...new Set([...message.rooms, wantedRoom])]
      view.chat.hidden = false
      join(wantedRoom)
      break
    case 'joined':
      currentRoom = message.room
      if (!knownRooms.includes(message.room)) knownRooms.push(message.room)
      view.roomName.textContent = `#${message.room}`
      typingList.clear()
      renderRooms()
      addMessage(undefined, `You are in #${message.room} as ${me}`)
      break
    case 'message':
      if (message.room === currentRoom) addMessage(message.from, message.text, message.at)
      break
    case 'typing':
      if (message.room === currentRoom) typingList.set(message.user, message.isTyping)
      break
    case 'presence':
      if (message.room === currentRoom) showPresence(message.users)
      break
    case 'notice':
      addMessage(undefined, message.text)
      break
  }
}

function refused(code: number, reason: string): void {
  refusedWith = code
  showStatus('refused', 'not signed in')
  showError(`Not signed in: ${reason || 'unauthorized'} (close code ${code}). Choose a demo user below.`)
  view.chat.hidden = true
  view.login.hidden = false
}

function connect(token: string): void {
  connection?.close()
  refusedWith = undefined
  showError(undefined)
  view.login.hidden = true
  connection = $ws.chat(
    { token },
    {
      onStateChange: (state) => {
        if (refusedWith === undefined) showStatus(state, state === 'open' ? `connected as ${me || token}` : state)
      },
      onMessage: handle,
      onClose: (code, reason, { willReconnect }) => {
        typingList.clear()
        if (code === 4401 || code === 4403) refused(code, reason)
        else if (willReconnect) addMessage(undefined, `Connection lost (${code}${reason ? `: ${reason}` : ''}); reconnecting…`)
      },
      onError: (error) => {
        // Error frames from the server (validation failures, unknown types) arrive as WsError.
        if (error instanceof WsError) addMessage(undefined, `Error: ${error.issues?.[0]?.message ?? error.message}`)
      },
    },
  )
}

view.login.onsubmit = (event) => {
  event.preventDefault()
  pageQuery.set('token', view.token.value)
  history.replaceState(null, '', `?${pageQuery}`)
  connect(view.token.value)
}

view.composer.onsubmit = (event) => {
  event.preventDefault()
  const text = view.text.value.trim()
  if (text === '') return
  connection?.send({ type: 'say', text })
  typingSender.stop()
  view.text.value = ''
}

view.text.oninput = () => typingSender.input(view.text.value)

view.joinForm.onsubmit = (event) => {
  event.preventDefault()
  const room = view.roomInput.value.trim().toLowerCase()
  if (room !== '') join(room)
  view.roomInput.value = ''
}

const token = pageQuery.get('token')
if (token) connect(token)

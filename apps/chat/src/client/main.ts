// The chat page's script. Bundled for the browser by esbuild at server start (src/server/page.ts).
// It imports the routes' *type* only: no server code and no valibot end up in the bundle.
import { setupBridge, WsError, type ClientConnection, type ClientMessageOf, type ServerMessageOf } from '@wsbridge/core/client'
import type { ChatRoutes } from '../routes.js'
import { RoomLog } from './room-log.js'
import { TypingList, TypingSender } from './typing.js'
import { messageLine, showError, showRooms, showServer, showStatus, showTyping, view } from './view.js'

type ChatRoute = ChatRoutes['chat']
type ServerMessage = ServerMessageOf<ChatRoute>

// Reconnect quickly after a server restart; the client backs off (with jitter) if it stays down.
const { $ws } = setupBridge<ChatRoutes>({ baseUrl: '/api', reconnect: { initialDelay: 300, maxDelay: 5000 } })

const pageQuery = new URLSearchParams(location.search)
const log = new RoomLog()
/** The rooms this page is in. A new socket knows none of them: onRestore joins them all again. */
const myRooms = new Set<string>()
/** Rooms the server confirmed on the current socket. */
const confirmed = new Set<string>()
let me = ''
let connection: ClientConnection<ClientMessageOf<ChatRoute>> | undefined
/** Set when the server refused our token: the status keeps saying so after the client closes. */
let refusedWith: number | undefined

const typingList = new TypingList(showTyping)
const typingSender = new TypingSender((isTyping) => connection?.send({ type: 'typing', room: log.showing, isTyping }))

function renderRooms(): void {
  showRooms(log.entries(), log.showing, openRoom)
}

function renderRoomName(): void {
  // "#room" once the server confirmed it; tests and people read it as "you are in".
  view.roomName.textContent = confirmed.has(log.showing) ? `#${log.showing}` : '…'
}

/** Puts `room` on screen, and joins it if this page is not in it yet. */
function openRoom(room: string): void {
  typingSender.stop()
  typingList.clear()
  log.show(room)
  if (!myRooms.has(room)) {
    myRooms.add(room)
    connection?.send({ type: 'join', room })
  }
  renderRoomName()
  renderRooms()
}

function handle(message: ServerMessage): void {
  switch (message.type) {
    case 'welcome':
      me = message.user
      if (refusedWith === undefined) showStatus('open', `connected as ${me}`)
      showServer(message.server)
      for (const room of message.rooms) log.ensure(room)
      view.chat.hidden = false
      renderRooms()
      break
    case 'joined':
      // A room picked while (re)connecting is joined twice (restore and queue); the server confirms both.
      if (confirmed.has(message.room)) break
      confirmed.add(message.room)
      log.add(message.room, messageLine('notice', `You are in #${message.room} as ${me}`))
      renderRoomName()
      renderRooms()
      break
    case 'message': {
      const mine = message.from === me
      if (mine) log.settlePending(message.room, message.text)
      log.add(message.room, messageLine(mine ? 'mine' : 'theirs', message.text, message.from, message.at), !mine)
      renderRooms()
      break
    }
    case 'member':
      log.add(message.room, messageLine('event', `${message.user} ${message.joined ? 'joined' : 'left'}`))
      break
    case 'typing':
      if (message.room === log.showing) typingList.set(message.user, message.isTyping)
      break
    case 'presence':
      log.setPresence(message.room, message.users)
      break
    case 'notice':
      log.notice(message.text)
      break
  }
}

function refused(code: number, reason: string): void {
  refusedWith = code
  showStatus('refused', 'not signed in')
  showServer(undefined)
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
      // Every socket starts in no room. Join them all before anything typed meanwhile goes out:
      // the queue flushes only after this, so no message meets "Join a room first".
      onRestore: ({ send }) => {
        confirmed.clear()
        for (const room of myRooms) send({ type: 'join', room })
      },
      onStateChange: (state) => {
        if (refusedWith === undefined) showStatus(state, state === 'open' ? `connected as ${me || token}` : state)
      },
      onMessage: handle,
      onClose: (code, reason, { willReconnect }) => {
        typingList.clear()
        if (code === 4401 || code === 4403) refused(code, reason)
        else if (willReconnect) log.notice(`Connection lost (${code}${reason ? `: ${reason}` : ''}); reconnecting…`)
      },
      onError: (error) => {
        // Error frames from the server (validation failures, unknown types) arrive as WsError.
        if (error instanceof WsError) log.notice(`Error: ${error.issues?.[0]?.message ?? error.message}`)
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
  if (text === '' || !connection) return
  const room = log.showing
  // Offline, the message waits in the client's queue; it shows as pending until the room echoes it.
  if (connection.send({ type: 'say', room, text }) === 'queued') log.add(room, messageLine('pending', text, me))
  typingSender.stop()
  view.text.value = ''
}

view.text.oninput = () => typingSender.input(view.text.value)

view.joinForm.onsubmit = (event) => {
  event.preventDefault()
  const room = view.roomInput.value.trim().toLowerCase()
  if (room !== '') openRoom(room)
  view.roomInput.value = ''
}

const token = pageQuery.get('token')
if (token) {
  connect(token)
  openRoom(pageQuery.get('room') ?? 'general')
}

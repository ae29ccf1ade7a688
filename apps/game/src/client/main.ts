// The game page's script, bundled by esbuild at server start (src/server/page.ts). It imports the
// routes' *type* only: no server code and no valibot end up in the bundle.
import { setupBridge, WsError, type ServerMessageOf } from '@wsbridge/core/client'
import type { GameJoinedReply, GameState, GameSummary } from '../protocol.js'
import type { GameRoutes } from '../routes.js'
import { listenForTurns } from './input.js'
import { rejoinOnRestore } from './rejoin.js'
import { drawBoard } from './render.js'
import { loadGame, saveGame } from './session.js'
import { showGame, showGames, showNotice, showScores, showStatus, view } from './view.js'

type ServerMessage = ServerMessageOf<GameRoutes['game']>

/** Everything the page knows, also exposed as `window.__game` for tests and curious people. */
const game = {
  connectionId: '',
  gameId: undefined as string | undefined,
  role: undefined as 'player' | 'spectator' | undefined,
  snakeId: undefined as string | undefined,
  state: undefined as GameState | undefined,
  games: [] as GameSummary[],
  /** How many times this page got its snake back after a new socket. */
  rejoins: 0,
  /** Each snake's headings as this page saw them change, oldest first (the last 50). */
  headings: {} as Record<string, string[]>,
  /** The room's events (joins, leaves, turns) this page received, oldest first (the last 50): resume fills in those missed offline. */
  events: [] as string[],
}
Object.assign(window, { __game: game })

const NAME_KEY = 'wsbridge-game-name'
// This tab's name first (several tabs can be several players), then the last name used anywhere.
view.name.value = sessionStorage.getItem(NAME_KEY) ?? localStorage.getItem(NAME_KEY) ?? `player-${Math.floor(Math.random() * 900 + 100)}`

const { $ws } = setupBridge<GameRoutes>({ baseUrl: '/api', paths: { game: '/ws/game' }, reconnect: { initialDelay: 200, maxDelay: 3000 } })

// A new socket knows nothing of our game: rejoin it before any queued input goes out.
const rejoin = rejoinOnRestore(loadGame, () => view.name.value.trim() || 'player')

const connection = $ws.game(
  {},
  {
    onRestore: rejoin.onRestore,
    onMessage: handle,
    onStateChange: (state) => showStatus(state, state === 'open' ? 'connected' : state),
    onError: (error) => console.warn('[game]', error.message),
  },
)

function handle(message: ServerMessage): void {
  switch (message.type) {
    case 'joined-lobby':
      game.connectionId = message.playerId
      renderLobby(message.games)
      break
    case 'games':
      renderLobby(message.games)
      break
    case 'game-joined':
      joined(message)
      break
    case 'game-gone':
      if (message.gameId === loadGame()?.gameId) saveGame(undefined)
      if (message.gameId === game.gameId) leftGame()
      rejoin.answered()
      break
    case 'state':
      draw(message)
      break
    case 'player-joined':
    case 'player-left':
      logEvent(`${message.type} ${message.playerId}`)
      break
    case 'game-update':
      logEvent(`${message.playerId} turned ${message.action.dir}`)
      break
    default:
      break
  }
}

/** After `game-joined` (the rejoin on a new socket) or a request's reply. */
function joined(message: GameJoinedReply): void {
  Object.assign(game, { gameId: message.gameId, role: message.role, snakeId: message.snakeId, state: undefined })
  if (message.rejoined) game.rejoins++
  saveGame({ gameId: message.gameId, role: message.role, token: message.token })
  rejoin.answered()
  renderLobby(game.games) // marks the game as the current one
}

function logEvent(event: string): void {
  game.events.push(event)
  if (game.events.length > 50) game.events.shift()
}

function draw(message: GameState): void {
  if (message.gameId !== game.gameId) return
  game.state = message
  for (const snake of message.snakes) {
    const seen = (game.headings[snake.id] ??= [])
    if (seen.at(-1) !== snake.heading) seen.push(snake.heading)
    if (seen.length > 50) seen.shift()
  }
  document.body.dataset['tick'] = String(message.tick)
  drawBoard(view.board, message, game.snakeId)
  showScores(message, game.snakeId)
}

/** Creates or joins a game with a request: the typed reply carries the first frame; an error is shown. */
async function enter(ask: () => Promise<GameJoinedReply & { state: GameState }>): Promise<void> {
  try {
    const reply = await ask()
    showNotice(undefined)
    joined(reply)
    draw(reply.state)
  } catch (error) {
    showNotice(error instanceof WsError ? `${error.message} (${error.code})` : String(error))
  }
}

function renderLobby(games: GameSummary[]): void {
  game.games = games
  showGames(
    games,
    { id: game.gameId, role: game.role },
    (gameId, as) => void enter(() => connection.request('joinGame', { gameId, as, name: playerName() })),
  )
  renderGame()
}

function renderGame(): void {
  const summary = game.games.find((g) => g.id === game.gameId)
  showGame(game.gameId && game.role ? { id: game.gameId, name: summary?.name ?? 'Game', role: game.role } : undefined)
  Object.assign(document.body.dataset, { gameId: game.gameId ?? '', role: game.role ?? '', snakeId: game.snakeId ?? '' })
}

function leftGame(): void {
  Object.assign(game, { gameId: undefined, role: undefined, snakeId: undefined, state: undefined })
  drawBoard(view.board, undefined, undefined)
  showScores(undefined, undefined)
  renderLobby(game.games)
}

function playerName(): string {
  const name = view.name.value.trim() || 'player'
  sessionStorage.setItem(NAME_KEY, name)
  localStorage.setItem(NAME_KEY, name)
  return name
}

view.createForm.addEventListener('submit', (event) => {
  event.preventDefault()
  void enter(() => connection.request('createGame', { name: playerName() }))
})
view.leave.addEventListener('click', () => {
  if (game.gameId) connection.send({ type: 'leave-game', gameId: game.gameId })
  saveGame(undefined)
  leftGame()
})
listenForTurns(view.board, view.pad, (dir) => {
  if (game.gameId && game.role === 'player') connection.send({ type: 'game-action', gameId: game.gameId, action: { kind: 'turn', dir } })
})
drawBoard(view.board, undefined, undefined)

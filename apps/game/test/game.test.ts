import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type GameServer, startGameServer } from '../src/app.js'
import { connectPlayer, type Message, type Player } from './player.js'

// A fast clock and a short grace period, so ticks and expiry happen within a test.
const GRACE_MS = 600
let server: GameServer
let url: string
const players: Player[] = []

async function player(): Promise<Player> {
  const p = await connectPlayer(url)
  players.push(p)
  return p
}

/** Creates a game as `name`; returns its id and the creator's `game-joined`. */
async function createGame(host: Player, name = 'alice'): Promise<{ gameId: string; joined: Message }> {
  host.send({ type: 'create-game', name })
  const { gameId } = await host.next('game-created')
  return { gameId, joined: await host.next('game-joined') }
}

const snakeIn = (state: Message, id: string): Message | undefined => state['snakes'].find((s: Message) => s['id'] === id)
const perpendicular = (heading: string): string => (heading === 'left' || heading === 'right' ? 'up' : 'left')

beforeAll(async () => {
  server = await startGameServer(0, '127.0.0.1', { tickMs: 40, graceMs: GRACE_MS })
  url = `ws://127.0.0.1:${(server.http.address() as AddressInfo).port}/api/ws/game`
})

afterAll(async () => {
  for (const p of players) p.ws.close()
  await server.close()
})

describe('the snake arena protocol (the vite plugin seed game server, grown up)', () => {
  it('lists a new game in the lobby live and ticks its state to the players', async () => {
    const [host, watcher] = [await player(), await player()]
    const { gameId, joined } = await createGame(host)
    expect(gameId).toMatch(/^[a-z0-9]{8}$/)
    expect(joined).toMatchObject({ gameId, role: 'player', rejoined: false, token: expect.stringMatching(/^[a-f0-9]{32}$/) })
    const listed = await watcher.next('games', (m) => m['games'].some((g: Message) => g['id'] === gameId))
    expect(listed['games']).toContainEqual({ id: gameId, name: "alice's game", players: 1, spectators: 0 })
    const first = await host.next('state', (m) => m['gameId'] === gameId)
    const later = await host.next('state', (m) => m['tick'] > first['tick'] + 2)
    expect(snakeIn(later, joined['snakeId'])).toMatchObject({ name: 'alice', connected: true })
    expect(watcher.received.filter((m) => m['type'] === 'state')).toEqual([]) // state goes to the game's room only
  })

  it('applies each player’s typed turn input and shows it to everyone in the room', async () => {
    const [alice, bob] = [await player(), await player()]
    const { gameId, joined } = await createGame(alice)
    bob.send({ type: 'join-game', gameId, name: 'bob' })
    const bobJoined = await bob.next('game-joined')
    expect(await alice.next('player-joined')).toEqual({ type: 'player-joined', gameId, playerId: bobJoined['snakeId'], name: 'bob' })

    for (const [who, snakeId] of [
      [alice, joined['snakeId']],
      [bob, bobJoined['snakeId']],
    ] as const) {
      const now = await who.next('state', (m) => snakeIn(m, snakeId)?.['body'].length > 0)
      const dir = perpendicular(snakeIn(now, snakeId)?.['heading'])
      who.send({ type: 'game-action', gameId, action: { kind: 'turn', dir } })
      const update = { type: 'game-update', gameId, playerId: snakeId, action: { kind: 'turn', dir } }
      expect(await alice.next('game-update', (m) => m['playerId'] === snakeId)).toEqual(update)
      expect(await bob.next('game-update', (m) => m['playerId'] === snakeId)).toEqual(update) // includeSelf
      // Both see the server's simulation steer that snake (or it died trying and will respawn).
      for (const seer of [alice, bob]) {
        const seen = await seer.next('state', (m) => snakeIn(m, snakeId)?.['heading'] === dir || snakeIn(m, snakeId)?.['body'].length === 0)
        expect(seen['tick']).toBeGreaterThan(now['tick'])
      }
    }
  })

  it('lets a spectator watch the same ticks, but not steer', async () => {
    const [alice, carol] = [await player(), await player()]
    const { gameId } = await createGame(alice)
    carol.send({ type: 'join-game', gameId, as: 'spectator' })
    expect(await carol.next('game-joined')).toEqual({ type: 'game-joined', gameId, role: 'spectator', rejoined: false })
    const seen = await carol.next('state', (m) => m['gameId'] === gameId && m['tick'] > 2)
    expect(await alice.next('state', (m) => m['tick'] === seen['tick'])).toEqual(seen)
    carol.send({ type: 'game-action', gameId, action: { kind: 'turn', dir: 'up' } })
    expect(await carol.next('notice')).toEqual({ type: 'notice', text: `You are not playing in ${gameId}` })

    // Watching, then playing the same game: one more player, one spectator fewer.
    carol.send({ type: 'join-game', gameId, name: 'carol' })
    expect(await carol.next('game-joined')).toMatchObject({ gameId, role: 'player', rejoined: false })
    const summary = await alice.next('games', (m) => m['games'].some((g: Message) => g['id'] === gameId && g['players'] === 2))
    expect(summary['games']).toContainEqual({ id: gameId, name: "alice's game", players: 2, spectators: 0 })
  })

  it('gives a player who reconnects with their token the same snake, within the grace period', async () => {
    const [alice, bob] = [await player(), await player()]
    const { gameId, joined } = await createGame(alice)
    bob.send({ type: 'join-game', gameId, as: 'spectator' })
    await bob.next('game-joined')
    alice.ws.close()
    await bob.next('state', (m) => snakeIn(m, joined['snakeId'])?.['connected'] === false)

    const again = await player()
    again.send({ type: 'join-game', gameId, token: joined['token'] })
    expect(await again.next('game-joined')).toMatchObject({ role: 'player', snakeId: joined['snakeId'], rejoined: true })
    await bob.next('state', (m) => snakeIn(m, joined['snakeId'])?.['connected'] === true)
    again.send({ type: 'game-action', gameId, action: { kind: 'turn', dir: 'up' } })
    expect(await again.next('game-update')).toMatchObject({ playerId: joined['snakeId'] })
  })

  it('drops a player after the grace period, and closes a game nobody plays', async () => {
    const [alice, bob, lobby] = [await player(), await player(), await player()]
    const { gameId, joined } = await createGame(alice)
    bob.send({ type: 'join-game', gameId, as: 'spectator' })
    await bob.next('game-joined')
    const left = Date.now()
    alice.ws.close()
    expect(await bob.next('player-left')).toEqual({ type: 'player-left', gameId, playerId: joined['snakeId'] })
    expect(Date.now() - left).toBeGreaterThanOrEqual(GRACE_MS - 50)
    expect(await bob.next('game-gone')).toEqual({ type: 'game-gone', gameId })
    await lobby.next('games', (m) => !m['games'].some((g: Message) => g['id'] === gameId))

    const late = await player()
    late.send({ type: 'join-game', gameId, token: joined['token'] })
    expect(await late.next('game-gone')).toEqual({ type: 'game-gone', gameId })
  })

  it('answers malformed input with error frames and keeps the socket open', async () => {
    const [alice] = [await player()]
    const { gameId } = await createGame(alice)
    alice.send({ type: 'game-action', gameId, action: { kind: 'turn', dir: 'sideways' } })
    expect(await alice.next('error')).toMatchObject({ code: 'VALIDATION_FAILED' })
    alice.send({ type: 'join-game', gameId, token: 'not-a-token' })
    expect(await alice.next('error')).toMatchObject({ code: 'VALIDATION_FAILED' })
    alice.send({ type: 'create-game', name: '' })
    expect(await alice.next('error')).toMatchObject({ code: 'VALIDATION_FAILED' })
    alice.send({ type: 'teleport' })
    expect(await alice.next('error')).toMatchObject({ code: 'UNKNOWN_TYPE' })
    alice.send({ type: 'game-action', gameId: 'zzzzzzzz', action: { kind: 'turn', dir: 'up' } })
    expect(await alice.next('notice')).toEqual({ type: 'notice', text: 'You are not playing in zzzzzzzz' })
    expect(alice.ws.readyState).toBe(alice.ws.OPEN)
  })
})

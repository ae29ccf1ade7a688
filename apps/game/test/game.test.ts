import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startGameServer, type GameServer } from '../src/app.js'
import { connectPlayer, type Player } from './player.js'

let server: GameServer
let url: string
const players: Player[] = []

async function player(): Promise<Player> {
  const p = await connectPlayer(url)
  players.push(p)
  return p
}

beforeAll(async () => {
  server = await startGameServer(0)
  url = `ws://127.0.0.1:${(server.http.address() as AddressInfo).port}/api/ws/game`
})

afterAll(async () => {
  for (const p of players) p.ws.close()
  await server.close()
})

describe('the vite plugin seed game server', () => {
  it('puts everyone in the lobby and announces new games there', async () => {
    const [host, watcher] = [await player(), await player()]
    host.send({ type: 'create-game' })
    const { gameId } = await host.next('game-created')
    expect(gameId).toMatch(/^[a-z0-9]{8}$/)
    expect((await watcher.next('games'))['games']).toContain(gameId)
    expect(await host.next('game-joined')).toEqual({ type: 'game-joined', gameId, players: [host.id] })
  })

  it('broadcasts joins and actions to the game room only, actions including the sender', async () => {
    const [alice, bob, outsider] = [await player(), await player(), await player()]
    alice.send({ type: 'create-game' })
    const gameId = String((await alice.next('game-created'))['gameId'])

    bob.send({ type: 'join-game', gameId })
    expect(await alice.next('player-joined')).toEqual({ type: 'player-joined', gameId, playerId: bob.id })
    expect((await bob.next('game-joined'))['players']).toEqual([alice.id, bob.id])

    bob.send({ type: 'game-action', gameId, action: { kind: 'move', value: 'up' } })
    const update = { type: 'game-update', gameId, playerId: bob.id, action: { kind: 'move', value: 'up' } }
    expect(await alice.next('game-update')).toEqual(update)
    expect(await bob.next('game-update')).toEqual(update) // includeSelf: true

    // A round trip on the outsider's own socket proves nothing from the game is queued for it.
    outsider.send({ type: 'join-game', gameId: 'zzzzzzzz' })
    await outsider.next('notice')
    expect(outsider.received.map((m) => m['type'])).not.toContain('game-update')
    expect(outsider.received.map((m) => m['type'])).not.toContain('player-joined')
  })

  it('tells the others when a player leaves and closes empty games', async () => {
    const [alice, bob, watcher] = [await player(), await player(), await player()]
    alice.send({ type: 'create-game' })
    const gameId = String((await alice.next('game-created'))['gameId'])
    bob.send({ type: 'join-game', gameId })
    await alice.next('player-joined')

    bob.ws.close()
    expect(await alice.next('player-left')).toEqual({ type: 'player-left', gameId, playerId: bob.id })
    alice.ws.close()
    await expect.poll(async () => ((await watcher.next('games'))['games'] as string[]).includes(gameId)).toBe(false)
  })

  it('refuses actions for a game the player is not in, and invalid messages, without closing', async () => {
    const [alice, bob] = [await player(), await player()]
    alice.send({ type: 'create-game' })
    const gameId = String((await alice.next('game-created'))['gameId'])
    bob.send({ type: 'game-action', gameId, action: { kind: 'move', value: 'up' } })
    expect(await bob.next('notice')).toEqual({ type: 'notice', text: `Join ${gameId} first` })
    bob.send({ type: 'game-action', gameId: 'not a game id', action: { kind: 'fly', value: 1 } })
    expect(await bob.next('error')).toMatchObject({ code: 'VALIDATION_FAILED' })
    bob.send({ type: 'teleport' })
    expect(await bob.next('error')).toMatchObject({ code: 'UNKNOWN_TYPE' })
    expect(bob.ws.readyState).toBe(bob.ws.OPEN)
  })
})

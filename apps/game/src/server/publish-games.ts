import { roomTopic, type Bridge } from '@wsbridge/core'
import type { Games } from '../games.js'
import type { GameRoutes } from '../routes.js'

/** Game state goes to each game's room of the game route (the lobby is a room too). */
export function publishGames(games: Games, bridge: Pick<Bridge<GameRoutes>, 'publish'>): void {
  games.publishWith((room, message) => bridge.publish(roomTopic('game', room), message))
}

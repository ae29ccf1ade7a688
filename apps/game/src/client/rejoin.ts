import type { ClientMessageOf, RestoreContext } from '@wsbridge/core/client'
import type { GameRoutes } from '../routes.js'
import type { SavedGame } from './session.js'

type ClientMessage = ClientMessageOf<GameRoutes['game']>

/** How long a new socket waits for the server to answer the rejoin before trying another socket. */
const ANSWER_TIMEOUT_MS = 5000

/**
 * The client's `onRestore` for the game: on every new socket (first load, reload, lost connection)
 * it sends `join-game` with the saved game's token and holds the queue until the server answered
 * (`game-joined` or `game-gone`, reported through `answered()`). Inputs queued while offline then
 * reach the server after the rejoin, so they steer the same snake instead of earning "you are not
 * playing". With no saved game the socket is ready at once.
 */
export function rejoinOnRestore(load: () => SavedGame | undefined, name: () => string) {
  let answer: (() => void) | undefined
  return {
    onRestore({ send, signal }: RestoreContext<ClientMessage>): Promise<void> | undefined {
      const saved = load()
      if (!saved) return undefined
      return new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('the server did not answer the rejoin')), ANSWER_TIMEOUT_MS)
        signal.addEventListener('abort', () => clearTimeout(timer))
        answer = () => {
          clearTimeout(timer)
          resolve()
        }
        const token = saved.token ? { token: saved.token } : {}
        send({ type: 'join-game', gameId: saved.gameId, as: saved.role, name: name(), ...token })
      })
    },
    /** The server answered a join (ours or any other): a restore waiting for it may go on. */
    answered(): void {
      answer?.()
      answer = undefined
    },
  }
}

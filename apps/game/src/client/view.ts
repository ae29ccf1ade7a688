import type { GameState, GameSummary } from '../protocol.js'
import { colorOf } from './render.js'

const byId = <T extends HTMLElement>(id: string): T => document.getElementById(id) as T

export const view = {
  status: byId<HTMLSpanElement>('status'),
  name: byId<HTMLInputElement>('name'),
  createForm: byId<HTMLFormElement>('create-form'),
  games: byId<HTMLUListElement>('games'),
  title: byId<HTMLHeadingElement>('game-title'),
  role: byId<HTMLSpanElement>('role'),
  leave: byId<HTMLButtonElement>('leave'),
  board: byId<HTMLCanvasElement>('board'),
  pad: byId<HTMLDivElement>('pad'),
  scores: byId<HTMLOListElement>('scores'),
  notice: byId<HTMLParagraphElement>('notice'),
}

/** A request's error (e.g. the game ended before the join reached it), until the next success. */
export function showNotice(text: string | undefined): void {
  view.notice.hidden = text === undefined
  view.notice.textContent = text ?? ''
}

export function showStatus(state: string, text: string): void {
  view.status.dataset['state'] = state
  view.status.textContent = text
}

function element<K extends keyof HTMLElementTagNameMap>(tag: K, props: Partial<HTMLElementTagNameMap[K]> = {}): HTMLElementTagNameMap[K] {
  return Object.assign(document.createElement(tag), props)
}

type Role = 'player' | 'spectator'

/** The lobby list: every open game with Play and Watch, the current one marked (a spectator may still join it to play). */
export function showGames(
  games: readonly GameSummary[],
  current: { id?: string | undefined; role?: Role | undefined },
  open: (id: string, as: Role) => void,
): void {
  if (games.length === 0)
    return void view.games.replaceChildren(element('li', { className: 'empty', textContent: 'No games yet: start one.' }))
  view.games.replaceChildren(
    ...games.map((game) => {
      const item = element('li')
      item.dataset['gameId'] = game.id
      const here = game.id === current.id
      item.setAttribute('aria-current', String(here))
      const label = element('span', { className: 'game-name', textContent: game.name })
      const counts = `${game.players} playing${game.spectators ? `, ${game.spectators} watching` : ''}`
      label.append(element('span', { className: 'counts', textContent: counts }))
      const play = element('button', { type: 'button', textContent: 'Play', disabled: here && current.role === 'player' })
      play.addEventListener('click', () => open(game.id, 'player'))
      const watch = element('button', { type: 'button', className: 'secondary', textContent: 'Watch', disabled: here })
      watch.addEventListener('click', () => open(game.id, 'spectator'))
      item.append(label, play, watch)
      return item
    }),
  )
}

/** The arena's title bar for the game this page is in (or none). */
export function showGame(game: { id: string; name: string; role: string } | undefined): void {
  view.title.textContent = game ? game.name : 'Pick or start a game'
  view.role.textContent = game ? `${game.role === 'player' ? 'playing' : 'watching'} · ${game.id}` : ''
  view.leave.hidden = !game
  view.pad.hidden = game?.role !== 'player'
}

/** The scoreboard, best first. */
export function showScores(state: GameState | undefined, mySnake: string | undefined): void {
  const snakes = [...(state?.snakes ?? [])].sort((a, b) => b.score - a.score || a.name.localeCompare(b.name))
  view.scores.replaceChildren(
    ...snakes.map((snake) => {
      const item = element('li')
      item.dataset['snakeId'] = snake.id
      const swatch = element('span', { className: 'swatch' })
      swatch.style.background = colorOf(snake.color)
      const state = snake.connected ? (snake.body.length === 0 ? ' — respawning' : '') : ' — reconnecting…'
      const who = `${snake.name}${snake.id === mySnake ? ' (you)' : ''}${state}`
      const name = element('span', {
        className: `who${snake.id === mySnake ? ' me' : ''}${snake.connected ? '' : ' away'}`,
        textContent: who,
      })
      item.append(swatch, name, element('span', { className: 'score', textContent: String(snake.score) }))
      return item
    }),
  )
}

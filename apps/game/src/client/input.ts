type Direction = 'up' | 'down' | 'left' | 'right'

const KEYS: Record<string, Direction> = {
  ArrowUp: 'up',
  ArrowDown: 'down',
  ArrowLeft: 'left',
  ArrowRight: 'right',
  w: 'up',
  s: 'down',
  a: 'left',
  d: 'right',
}

/** Arrow keys/WASD, the on-screen pad and swipes on the board all become one `turn(direction)`. */
export function listenForTurns(board: HTMLElement, pad: HTMLElement, turn: (direction: Direction) => void): void {
  document.addEventListener('keydown', (event) => {
    const direction = KEYS[event.key]
    if (!direction || event.target instanceof HTMLInputElement) return
    event.preventDefault() // arrows would scroll the page
    turn(direction)
  })
  for (const button of pad.querySelectorAll<HTMLButtonElement>('button[data-dir]')) {
    button.addEventListener('click', () => turn(button.dataset['dir'] as Direction))
  }
  let start: { x: number; y: number } | undefined
  board.addEventListener('pointerdown', (event) => (start = { x: event.clientX, y: event.clientY }))
  board.addEventListener('pointerup', (event) => {
    if (!start) return
    const [dx, dy] = [event.clientX - start.x, event.clientY - start.y]
    start = undefined
    if (Math.max(Math.abs(dx), Math.abs(dy)) < 20) return // a tap, not a swipe
    turn(Math.abs(dx) > Math.abs(dy) ? (dx > 0 ? 'right' : 'left') : dy > 0 ? 'down' : 'up')
  })
  board.style.touchAction = 'none' // swipes steer instead of scrolling
}

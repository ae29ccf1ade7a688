import type { GameState } from '../protocol.js'

/** Snake colours by `color` index (the server hands out 0–7). */
export const PALETTE = ['#48bb78', '#4299e1', '#ed64a6', '#ed8936', '#9f7aea', '#38b2ac', '#f56565', '#ecc94b'] as const

export const colorOf = (index: number): string => PALETTE[index % PALETTE.length] ?? '#fff'

/** Draws one state frame. The canvas keeps its CSS width; its pixel size follows the board's shape. */
export function drawBoard(canvas: HTMLCanvasElement, state: GameState | undefined, mySnake: string | undefined): void {
  const context = canvas.getContext('2d')
  if (!context) return
  const cell = 20
  const width = (state?.width ?? 24) * cell
  const height = (state?.height ?? 16) * cell
  if (canvas.width !== width || canvas.height !== height) Object.assign(canvas, { width, height })
  context.fillStyle = '#1a202c'
  context.fillRect(0, 0, width, height)
  context.strokeStyle = '#2d3748'
  context.lineWidth = 1
  for (let x = cell; x < width; x += cell) line(context, x, 0, x, height)
  for (let y = cell; y < height; y += cell) line(context, 0, y, width, y)
  if (!state) return
  context.fillStyle = '#f6e05e'
  for (const [x, y] of state.food) roundRect(context, x * cell + 4, y * cell + 4, cell - 8, cell - 8, 3)
  for (const snake of state.snakes) {
    context.globalAlpha = snake.connected ? 1 : 0.45
    context.fillStyle = colorOf(snake.color)
    snake.body.forEach(([x, y], i) => roundRect(context, x * cell + 1, y * cell + 1, cell - 2, cell - 2, i === 0 ? 6 : 3))
    const head = snake.body[0]
    if (head && snake.id === mySnake) {
      context.strokeStyle = '#fff'
      context.lineWidth = 2
      context.strokeRect(head[0] * cell + 1, head[1] * cell + 1, cell - 2, cell - 2)
    }
  }
  context.globalAlpha = 1
}

function line(context: CanvasRenderingContext2D, x1: number, y1: number, x2: number, y2: number): void {
  context.beginPath()
  context.moveTo(x1 + 0.5, y1 + 0.5)
  context.lineTo(x2 + 0.5, y2 + 0.5)
  context.stroke()
}

function roundRect(context: CanvasRenderingContext2D, x: number, y: number, w: number, h: number, r: number): void {
  context.beginPath()
  context.roundRect(x, y, w, h, r)
  context.fill()
}

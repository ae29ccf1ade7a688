// The game's rules as pure data and functions: no timers, no sockets, no Math.random. The server
// owns one World per game and calls `step` at a fixed tick rate; the tests drive it directly.

export type Direction = 'up' | 'down' | 'left' | 'right'
export const DIRECTIONS: readonly Direction[] = ['up', 'down', 'left', 'right']

/** A board square; [x, y] keeps state frames small. */
export type Cell = readonly [x: number, y: number]

export interface Snake {
  readonly id: string
  readonly name: string
  /** Index into the page's palette, fixed for the snake's life. */
  readonly color: number
  /** Head first. Empty while the snake waits to respawn. */
  readonly body: readonly Cell[]
  /** The direction of the last move: a turn straight back into the neck is refused against it. */
  readonly heading: Direction
  /** The direction of the next move (the latest accepted turn). */
  readonly next: Direction
  /** Food eaten. Never goes down: dying costs length, not score. */
  readonly score: number
  /** The tick at which a dead snake comes back. */
  readonly respawnAt: number
}

export interface World {
  readonly width: number
  readonly height: number
  readonly tick: number
  readonly snakes: readonly Snake[]
  readonly food: readonly Cell[]
  /** The random generator's state, so a World plus its inputs replays the same game. */
  readonly seed: number
}

export const START_LENGTH = 3
export const RESPAWN_TICKS = 8
export const FOOD_COUNT = 3

const STEP: Record<Direction, Cell> = { up: [0, -1], down: [0, 1], left: [-1, 0], right: [1, 0] }
const OPPOSITE: Record<Direction, Direction> = { up: 'down', down: 'up', left: 'right', right: 'left' }

export const cellKey = (cell: Cell): number => cell[0] * 4096 + cell[1]

/** mulberry32: one 32-bit state, good enough spread for placing food. Returns [0, 1) and the next state. */
export function random(seed: number): [number, number] {
  const next = (seed + 0x6d2b79f5) | 0
  let t = Math.imul(next ^ (next >>> 15), 1 | next)
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
  return [((t ^ (t >>> 14)) >>> 0) / 4294967296, next]
}

export function createWorld(width: number, height: number, seed: number): World {
  return refillFood({ width, height, tick: 0, snakes: [], food: [], seed })
}

/** Every square a snake is on. */
export function occupied(snakes: readonly Snake[]): Set<number> {
  const cells = new Set<number>()
  for (const snake of snakes) for (const cell of snake.body) cells.add(cellKey(cell))
  return cells
}

/** Adds a snake (placed at once if there is room, otherwise on a later tick). Ids must be unique. */
export function addSnake(world: World, id: string, name: string): World {
  const color = world.snakes.reduce((max, s) => Math.max(max, s.color + 1), 0) % 8
  const snake: Snake = { id, name, color, body: [], heading: 'right', next: 'right', score: 0, respawnAt: world.tick }
  return spawnDue({ ...world, snakes: [...world.snakes, snake] })
}

export function removeSnake(world: World, id: string): World {
  return { ...world, snakes: world.snakes.filter((snake) => snake.id !== id) }
}

/** A turn input. Reversing into the snake's own neck is ignored, as is a turn for an unknown snake. */
export function turn(world: World, id: string, direction: Direction): World {
  return {
    ...world,
    snakes: world.snakes.map((snake) => (snake.id === id && direction !== OPPOSITE[snake.heading] ? { ...snake, next: direction } : snake)),
  }
}

/** One tick: every live snake moves one square; collisions kill, food grows and scores. */
export function step(world: World): World {
  const tick = world.tick + 1
  const food = new Set(world.food.map(cellKey))
  const moves = new Map<string, { body: Cell[]; ate: boolean }>()
  for (const snake of world.snakes) {
    const head = snake.body[0]
    if (!head) continue
    const [dx, dy] = STEP[snake.next]
    const next: Cell = [head[0] + dx, head[1] + dy]
    const ate = food.has(cellKey(next))
    moves.set(snake.id, { body: [next, ...snake.body.slice(0, ate ? undefined : -1)], ate })
  }
  // Where every body will be after the move (dying snakes included, so a head never slips into a
  // square that was taken this tick), counted so two heads meeting both see the square as shared.
  const taken = new Map<number, number>()
  for (const { body } of moves.values()) for (const cell of body) taken.set(cellKey(cell), (taken.get(cellKey(cell)) ?? 0) + 1)

  const eaten = new Set<number>()
  const snakes = world.snakes.map((snake): Snake => {
    const move = moves.get(snake.id)
    if (!move) return snake
    const head = move.body[0] as Cell
    const inside = head[0] >= 0 && head[1] >= 0 && head[0] < world.width && head[1] < world.height
    if (!inside || (taken.get(cellKey(head)) ?? 0) > 1) return { ...snake, body: [], respawnAt: tick + RESPAWN_TICKS }
    if (move.ate) eaten.add(cellKey(head))
    return { ...snake, body: move.body, heading: snake.next, score: snake.score + (move.ate ? 1 : 0) }
  })
  const left = world.food.filter((cell) => !eaten.has(cellKey(cell)))
  return refillFood(spawnDue({ ...world, tick, snakes, food: left }))
}

/** Brings back every dead snake whose time has come, where three squares in a row are free. */
function spawnDue(world: World): World {
  let { seed } = world
  const taken = occupied(world.snakes)
  for (const cell of world.food) taken.add(cellKey(cell))
  const snakes = world.snakes.map((snake): Snake => {
    if (snake.body.length > 0 || snake.respawnAt > world.tick) return snake
    const spots = spawnSpots(world, taken)
    if (spots.length === 0) return { ...snake, respawnAt: world.tick + 1 }
    const [r, nextSeed] = random(seed)
    seed = nextSeed
    const { body, heading } = spots[Math.floor(r * spots.length)] as { body: Cell[]; heading: Direction }
    for (const cell of body) taken.add(cellKey(cell))
    return { ...snake, body, heading, next: heading }
  })
  return { ...world, snakes, seed }
}

/** Free rows of START_LENGTH squares with a free square ahead, heading away from the nearer wall. */
function spawnSpots(world: World, taken: Set<number>): { body: Cell[]; heading: Direction }[] {
  const spots: { body: Cell[]; heading: Direction }[] = []
  for (let y = 0; y < world.height; y++) {
    for (let x = 0; x < world.width; x++) {
      const heading: Direction = x < world.width / 2 ? 'right' : 'left'
      const back = heading === 'right' ? -1 : 1
      const body: Cell[] = Array.from({ length: START_LENGTH }, (_, i) => [x + back * i, y] as const)
      const ahead: Cell = [x - back, y]
      const cells = [...body, ahead]
      if (cells.every(([cx, cy]) => cx >= 0 && cx < world.width && !taken.has(cellKey([cx, cy])))) spots.push({ body, heading })
    }
  }
  return spots
}

/** Tops the food back up to FOOD_COUNT on free squares. */
function refillFood(world: World): World {
  const taken = occupied(world.snakes)
  for (const cell of world.food) taken.add(cellKey(cell))
  const food = [...world.food]
  let { seed } = world
  const free = world.width * world.height - taken.size
  for (let missing = Math.min(FOOD_COUNT - food.length, free); missing > 0; missing--) {
    let cell: Cell
    do {
      const [rx, s1] = random(seed)
      const [ry, s2] = random(s1)
      seed = s2
      cell = [Math.floor(rx * world.width), Math.floor(ry * world.height)]
    } while (taken.has(cellKey(cell)))
    taken.add(cellKey(cell))
    food.push(cell)
  }
  return { ...world, food, seed }
}

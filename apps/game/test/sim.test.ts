import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  addSnake,
  cellKey,
  createWorld,
  DIRECTIONS,
  type Direction,
  removeSnake,
  START_LENGTH,
  step,
  turn,
  type World,
} from '../src/sim/world.js'

const headOf = (world: World, id: string) => world.snakes.find((s) => s.id === id)?.body[0]

/** A random game: up to 6 snakes on a small board, and per tick some turns, joins and leaves. */
const command = fc.oneof(
  { weight: 6, arbitrary: fc.record({ kind: fc.constant('turn' as const), snake: fc.nat(7), dir: fc.constantFrom(...DIRECTIONS) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('join' as const), snake: fc.nat(7) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('leave' as const), snake: fc.nat(7) }) },
)
const game = fc.record({
  width: fc.integer({ min: 6, max: 16 }),
  height: fc.integer({ min: 4, max: 12 }),
  seed: fc.integer(),
  players: fc.integer({ min: 1, max: 6 }),
  ticks: fc.array(fc.array(command, { maxLength: 4 }), { minLength: 1, maxLength: 60 }),
})

type Game = typeof game extends fc.Arbitrary<infer T> ? T : never

function play(g: Game, check: (before: World, after: World) => void): void {
  let world = createWorld(g.width, g.height, g.seed)
  for (let i = 0; i < g.players; i++) world = addSnake(world, `s${i}`, `p${i}`)
  for (const commands of g.ticks) {
    for (const c of commands) {
      const id = `s${c.snake}`
      const present = world.snakes.some((s) => s.id === id)
      if (c.kind === 'turn') world = turn(world, id, c.dir)
      else if (c.kind === 'join' && !present) world = addSnake(world, id, id)
      else if (c.kind === 'leave') world = removeSnake(world, id)
    }
    const next = step(world)
    check(world, next)
    world = next
  }
}

describe('the snake simulation', () => {
  it('never puts two snake segments (or food and a snake) on one square, and keeps everything on the board', () => {
    fc.assert(
      fc.property(game, (g) =>
        play(g, (_before, after) => {
          const cells = after.snakes.flatMap((s) => s.body)
          expect(new Set(cells.map(cellKey)).size).toBe(cells.length)
          for (const food of after.food) expect(cells.map(cellKey)).not.toContain(cellKey(food))
          for (const [x, y] of [...cells, ...after.food]) {
            expect(x >= 0 && x < after.width && y >= 0 && y < after.height).toBe(true)
          }
        }),
      ),
    )
  })

  it('keeps scores monotonic, moves every live snake by one square, and counts ticks', () => {
    fc.assert(
      fc.property(game, (g) =>
        play(g, (before, after) => {
          expect(after.tick).toBe(before.tick + 1)
          for (const snake of after.snakes) {
            const old = before.snakes.find((s) => s.id === snake.id)
            if (!old) continue
            expect(snake.score).toBeGreaterThanOrEqual(old.score)
            expect(snake.score - old.score).toBeLessThanOrEqual(1)
            const [h0, h1] = [old.body[0], snake.body[0]]
            // A snake that lived through the tick moved exactly one square, and grew only by eating.
            if (h0 && h1 && old.body.length <= snake.body.length) {
              expect(Math.abs(h0[0] - h1[0]) + Math.abs(h0[1] - h1[1])).toBe(1)
              expect(snake.body.length - old.body.length).toBe(snake.score - old.score)
            }
          }
        }),
      ),
    )
  })

  it('moves a snake the way it was turned, and refuses a turn back into its neck', () => {
    let world = addSnake(createWorld(20, 10, 7), 'a', 'alice')
    const heading = world.snakes[0]?.heading as Direction
    const back: Direction = heading === 'right' ? 'left' : 'right'
    const start = headOf(world, 'a') ?? [0, 0]
    world = step(turn(world, 'a', back))
    expect(headOf(world, 'a')?.[0]).toBe(start[0] + (heading === 'right' ? 1 : -1))
    world = step(turn(world, 'a', start[1] > 4 ? 'up' : 'down'))
    expect(headOf(world, 'a')?.[1]).toBe(start[1] + (start[1] > 4 ? -1 : 1))
  })

  it('kills a snake that leaves the board and brings it back later with its score kept', () => {
    let world = addSnake(createWorld(8, 4, 1), 'a', 'alice')
    world = { ...world, snakes: world.snakes.map((s) => ({ ...s, score: 5 })) }
    for (let i = 0; i < 8 && (world.snakes[0]?.body.length ?? 0) > 0; i++) world = step(world)
    expect(world.snakes[0]?.body).toEqual([])
    for (let i = 0; i < 10; i++) world = step(world)
    expect(world.snakes[0]?.body).toHaveLength(START_LENGTH)
    expect(world.snakes[0]?.score).toBe(5)
  })

  it('grows and scores a snake that eats', () => {
    let world = addSnake(createWorld(12, 6, 3), 'a', 'alice')
    const snake = world.snakes[0]
    const head = snake?.body[0] ?? [0, 0]
    const ahead = [head[0] + (snake?.heading === 'right' ? 1 : -1), head[1]] as const
    world = step({ ...world, food: [ahead] })
    expect(world.snakes[0]?.score).toBe(1)
    expect(world.snakes[0]?.body).toHaveLength(START_LENGTH + 1)
    expect(world.food.map(cellKey)).not.toContain(cellKey(ahead))
  })

  it('kills both snakes when their heads meet', () => {
    let world = addSnake(addSnake(createWorld(10, 3, 9), 'a', 'alice'), 'b', 'bob')
    world = {
      ...world,
      food: [],
      snakes: [
        {
          ...(world.snakes[0] as World['snakes'][number]),
          body: [
            [3, 1],
            [2, 1],
            [1, 1],
          ],
          heading: 'right',
          next: 'right',
        },
        {
          ...(world.snakes[1] as World['snakes'][number]),
          body: [
            [5, 1],
            [6, 1],
            [7, 1],
          ],
          heading: 'left',
          next: 'left',
        },
      ],
    }
    world = step(world)
    expect(world.snakes.map((s) => s.body.length)).toEqual([0, 0])
  })
})

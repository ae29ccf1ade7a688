import type { LogEntry } from './log-entry.js'

/** How an exported session test reaches the app's routes (`createInspector({ exportTest })`). */
export interface SessionTestOptions {
  /** The import lines that bring the routes (and anything `setup` uses) in. Default `import { routes } from './routes.js'`. */
  readonly imports?: string
  /** The expression for the route table the test bridge serves. Default `routes`. */
  readonly routes?: string
  /** Statements run once the test bridge `t` exists, e.g. `publishRoomPresence(t.bridge)`. */
  readonly setup?: string
  /** The bridge's path prefix (the inspector fills it in from the bridge). */
  readonly prefix?: string
  /** The name of the generated `it(…)`. Default `replays the recorded session`. */
  readonly name?: string
}

/** Client closes the browser sends itself (a tab closed, a page left); others came from the server. */
const CLIENT_CLOSES = new Set([1000, 1001, 1005])

/**
 * Writes a recorded session as a vitest file for `@wsbridge/core/testing`: each recorded connection
 * connects with the same path and query, sends what its client sent, and expects, in order, every
 * frame the server sent it. Sends and publishes made from the inspector are replayed through the
 * server-side connection and `t.bridge.publish`. Epoch-millisecond numbers (timestamps) are matched
 * as `expect.any(Number)`, since a replay cannot reproduce them.
 */
export function toSessionTest(session: readonly LogEntry[], options: SessionTestOptions = {}): string {
  const names = new Map<string, number>()
  const injected = new Set(session.filter((e) => e.kind === 'inject' && e.connection !== undefined).map((e) => e.connection))
  const body: string[] = []
  for (const entry of session) {
    const id = entry.connection
    if (entry.kind === 'open' && id !== undefined && entry.url !== undefined) {
      const n = names.size + 1
      names.set(id, n)
      body.push(`const c${n} = await t.connect(${JSON.stringify(entry.url)})`)
      // The bridge's connections are in opening order: the last one is the server side of c<n>.
      if (injected.has(id)) body.push(`const s${n} = [...t.bridge.connections].at(-1)!`)
      continue
    }
    if (entry.kind === 'inject' && id === undefined) {
      for (const topic of entry.topics ?? [])
        body.push(`t.bridge.publish(${JSON.stringify(topic)}, ${literal(parse(entry.data ?? 'null'))})`)
      continue
    }
    const n = id === undefined ? undefined : names.get(id)
    if (n === undefined) continue
    if (entry.kind === 'in') body.push(sendLine(n, entry.data ?? ''))
    else if (entry.kind === 'out') body.push(expectLine(n, entry.data ?? ''))
    else if (entry.kind === 'inject') body.push(`s${n}.send(${literal(parse(entry.data ?? 'null'))})`)
    else if (entry.kind === 'close') body.push(closeLine(n, entry.code))
  }
  const prefix = options.prefix ? `, { prefix: ${JSON.stringify(options.prefix)} }` : ''
  return [
    '// Recorded with @wsbridge/inspector. Replays the session against the routes in memory.',
    "import { describe, expect, it } from 'vitest'",
    "import { createTestBridge } from '@wsbridge/core/testing'",
    options.imports ?? "import { routes } from './routes.js'",
    '',
    "describe('recorded session', () => {",
    `  it(${JSON.stringify(options.name ?? 'replays the recorded session')}, async () => {`,
    `    const t = createTestBridge(${options.routes ?? 'routes'}${prefix})`,
    ...(options.setup ? options.setup.split('\n').map((line) => `    ${line}`) : []),
    ...body.map((line) => `    ${line}`),
    '    await t.close()',
    '  })',
    '})',
    '',
  ].join('\n')
}

function sendLine(n: number, data: string): string {
  if (data.startsWith('<binary ')) return `// c${n} sent a binary frame here (not replayed)`
  const value = parse(data)
  return value === undefined ? `c${n}.sendText(${JSON.stringify(data)})` : `c${n}.send(${literal(value)})`
}

function expectLine(n: number, data: string): string {
  if (data.startsWith('<binary ')) return `await c${n}.next() // a binary frame`
  const value = parse(data)
  return `expect(await c${n}.next()).toEqual(${value === undefined ? JSON.stringify(data) : literal(value)})`
}

function closeLine(n: number, code: LogEntry['code']): string {
  if (typeof code === 'number' && !CLIENT_CLOSES.has(code)) return `expect((await c${n}.waitForClose()).code).toBe(${code})`
  return `c${n}.close()`
}

function parse(text: string): unknown {
  try {
    return JSON.parse(text) as unknown
  } catch {
    return undefined
  }
}

/** Looks like epoch milliseconds (2001–5138): a timestamp the replay will differ on. */
const isTimestamp = (value: number): boolean => Number.isInteger(value) && value >= 1e12 && value < 1e14

/** A JS expression for `value`: JSON, with timestamps as `expect.any(Number)`. */
export function literal(value: unknown): string {
  if (typeof value === 'number' && isTimestamp(value)) return 'expect.any(Number)'
  if (Array.isArray(value)) return `[${value.map(literal).join(', ')}]`
  if (value !== null && typeof value === 'object') {
    const fields = Object.entries(value).map(([key, field]) => `${JSON.stringify(key)}: ${literal(field)}`)
    return `{ ${fields.join(', ')} }`
  }
  return JSON.stringify(value) ?? 'undefined'
}

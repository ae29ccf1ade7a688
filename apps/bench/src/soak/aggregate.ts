import type { SoakStats } from './tally.js'

/**
 * Sums the server processes' final figures. Connection ids are unique only within a process, so each
 * process accounts for its own connections and the totals are sums; the verdict also holds every
 * process to it, so a surplus in one cannot hide a shortfall in another.
 */
export interface SoakTotals {
  readonly opened: number
  readonly once: number
  readonly more: number
  readonly never: number
  /** Connections still in the registries, and topics still in the topic indexes, at the end. */
  readonly connections: number
  readonly topics: number
  readonly closes: number
  readonly closeCodes: Readonly<Record<string, number>>
  /** Pids whose own accounting fails: onClose not exactly once, or registry or topic index not empty. */
  readonly failing: readonly number[]
  /** Pids that never got a connection although several processes share the port: the spreading failed. */
  readonly idle: readonly number[]
  readonly ok: boolean
}

const processOk = (s: SoakStats): boolean => s.more === 0 && s.never === 0 && s.once === s.opened && s.connections === 0 && s.topics === 0

export function aggregateFinals(finals: readonly SoakStats[]): SoakTotals {
  const sum = (field: 'opened' | 'once' | 'more' | 'never' | 'connections' | 'topics'): number =>
    finals.reduce((total, s) => total + s[field], 0)
  const closeCodes: Record<string, number> = {}
  for (const s of finals) for (const [code, n] of Object.entries(s.closeCodes)) closeCodes[code] = (closeCodes[code] ?? 0) + n
  const failing = finals.filter((s) => !processOk(s)).map((s) => s.pid)
  const idle = finals.length > 1 ? finals.filter((s) => s.opened === 0).map((s) => s.pid) : []
  const opened = sum('opened')
  return {
    opened,
    once: sum('once'),
    more: sum('more'),
    never: sum('never'),
    connections: sum('connections'),
    topics: sum('topics'),
    closes: Object.values(closeCodes).reduce((a, b) => a + b, 0),
    closeCodes,
    failing,
    idle,
    ok: finals.length > 0 && opened > 0 && failing.length === 0 && idle.length === 0,
  }
}

/** Busiest process's share over the mean share (1 = perfectly even); 1 with no connections at all. */
export function spread(connections: readonly number[]): number {
  const total = connections.reduce((a, b) => a + b, 0)
  return total === 0 ? 1 : Math.max(...connections) / (total / connections.length)
}

import { readdirSync } from 'node:fs'
import { rssBytes } from '../load/proc.js'
import { spread } from './aggregate.js'
import type { ServerGroup } from './servers.js'

/** One server process at the moment of the peak. */
export interface ProcessSample {
  readonly pid: number
  readonly rss: number
  readonly connections: number
}

/** What the sampler saw while the clients were up; RSS after shutdown starts says nothing per connection. */
export interface SoakSamples {
  /** The sample with the highest Σ RSS (the cluster primary's included), with every process's part. */
  peak: { rss: number; connections: number; processes: readonly ProcessSample[] }
  /** The most connections each process held at once, by pid. */
  readonly most: Map<number, number>
  /** The worst busiest-over-mean connection spread while churning (see preflight.ts SPREAD). */
  worstSpread: number
  /** The Node cluster primary's peak RSS and peak count of open descriptors. */
  primary: { rss: number; fds: number } | undefined
}

const read = <T>(what: () => T, otherwise: T): T => {
  try {
    return what()
  } catch {
    return otherwise // the process exited between two samples
  }
}
const openFiles = (pid: number): number => read(() => readdirSync(`/proc/${pid}/fd`).length, 0)

/** Samples every server process's RSS and connections each 500 ms until the returned `stop`. */
export function sampleServers(group: ServerGroup, churning: () => boolean): { samples: SoakSamples; stop(): void } {
  const samples: SoakSamples = { peak: { rss: 0, connections: 0, processes: [] }, most: new Map(), worstSpread: 1, primary: undefined }
  const primaryPid = group.primaryPid
  const timer = setInterval(() => {
    const processes = group.members.map((m) => ({
      pid: m.pid,
      rss: read(() => rssBytes(m.pid), 0),
      connections: m.stats?.connections ?? 0,
    }))
    let rss = processes.reduce((total, p) => total + p.rss, 0)
    if (primaryPid !== undefined) {
      const primary = { rss: read(() => rssBytes(primaryPid), 0), fds: openFiles(primaryPid) }
      rss += primary.rss
      samples.primary = {
        rss: Math.max(primary.rss, samples.primary?.rss ?? 0),
        fds: Math.max(primary.fds, samples.primary?.fds ?? 0),
      }
    }
    const connections = processes.reduce((total, p) => total + p.connections, 0)
    if (rss > samples.peak.rss) samples.peak = { rss, connections, processes }
    for (const p of processes) samples.most.set(p.pid, Math.max(p.connections, samples.most.get(p.pid) ?? 0))
    if (churning()) samples.worstSpread = Math.max(samples.worstSpread, spread(processes.map((p) => p.connections)))
  }, 500)
  return { samples, stop: () => clearInterval(timer) }
}

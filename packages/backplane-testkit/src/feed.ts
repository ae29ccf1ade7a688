/** A running feed: `last` is the number of the newest message published to each topic. */
export interface Feed {
  stop(): void
  readonly last: number
}

/**
 * Publishes `{ t, i }` to `news` (durable) and `chat` (not) at `rate` per second until stopped.
 * Numbers are counted by publishes made, not by time, so a loaded machine publishes fewer but the
 * audit still knows exactly what was sent.
 */
export function startFeed(publish: (topic: string, data: unknown) => unknown, rate: number): Feed {
  let i = 0
  const timer = setInterval(() => {
    i++
    publish('news', { t: 'news', i })
    publish('chat', { t: 'chat', i })
  }, 1000 / rate)
  return {
    stop: () => clearInterval(timer),
    get last() {
      return i
    },
  }
}

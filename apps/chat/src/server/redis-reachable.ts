import { connect } from 'node:net'

const PROBE_TIMEOUT_MS = 3000

/**
 * Rejects with one clear line when nothing answers at the Redis URL's host and port. Checked
 * before the driver starts: once it runs, every refused reconnect is a PUBSUB_ERROR with a stack
 * (right for an outage of a running server, noise for a server that never had Redis).
 */
export function assertRedisReachable(redisUrl: string): Promise<void> {
  let url: URL
  try {
    url = new URL(redisUrl)
  } catch {
    return Promise.reject(new Error(`[chat] REDIS_URL is not a URL: ${redisUrl}`))
  }
  const port = Number(url.port || 6379)
  const host = url.hostname.replace(/^\[|\]$/g, '') || '127.0.0.1'
  return new Promise((resolve, reject) => {
    const socket = connect({ host, port })
    const fail = (why: string) => {
      socket.destroy()
      reject(
        new Error(`[chat] cannot reach Redis at ${redisUrl} (${why}). Start Redis, or unset REDIS_URL to run one instance without it.`),
      )
    }
    socket.setTimeout(PROBE_TIMEOUT_MS, () => fail(`no answer in ${PROBE_TIMEOUT_MS / 1000} s`))
    socket.once('error', (error: NodeJS.ErrnoException) => fail(error.code ?? error.message))
    socket.once('connect', () => {
      socket.end()
      resolve()
    })
  })
}

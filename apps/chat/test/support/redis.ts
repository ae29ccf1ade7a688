import { connect } from 'node:net'

export const REDIS_URL = process.env['REDIS_URL'] || 'redis://127.0.0.1:6379'

/** True when something answers on the Redis port (the tests then use it for real). */
export function redisReachable(url: string = REDIS_URL): Promise<boolean> {
  const { hostname, port } = new URL(url)
  return new Promise((resolve) => {
    const socket = connect({ host: hostname, port: Number(port || 6379) })
    socket.setTimeout(1000)
    socket.once('connect', () => {
      socket.destroy()
      resolve(true)
    })
    socket.once('timeout', () => {
      socket.destroy()
      resolve(false)
    })
    socket.once('error', () => resolve(false))
  })
}

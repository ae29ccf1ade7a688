/** Everything an entry point reads from the environment, in one place. */
export interface ChatConfig {
  /** `PORT`, default 3000. `PORT=0` picks a free port (tests do this). */
  readonly port: number
  /** `LISTEN_HOST`, default 127.0.0.1 (loopback only). Use 0.0.0.0 to accept other machines. */
  readonly hostname: string
  /** `REDIS_URL`, e.g. redis://127.0.0.1:6379: share rooms with other instances through Redis. */
  readonly redisUrl: string | undefined
  /** `INSTANCE_NAME`, shown in logs and in the page title when several instances run. */
  readonly instance: string | undefined
}

export function readConfig(env: Readonly<Record<string, string | undefined>> = process.env): ChatConfig {
  const port = Number(env['PORT'] ?? 3000)
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`[chat] PORT must be 0-65535, got ${env['PORT']}`)
  return {
    port,
    hostname: env['LISTEN_HOST'] || '127.0.0.1',
    redisUrl: env['REDIS_URL'] || undefined,
    instance: env['INSTANCE_NAME'] || undefined,
  }
}

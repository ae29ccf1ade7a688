import { urlHost } from './serve-address.js'

/** Where a sample tried to listen, for the failure line. */
export interface ListenAddress {
  readonly port: number
  readonly hostname: string
}

/**
 * A startup failure as one line a person can act on, then exit 1. Node's default for an unhandled
 * `'error'` event or a rejected top-level await is a 20 to 30 line stack that buries the one fact
 * that matters (the port is taken, Redis is not there). `app` is the sample's log prefix.
 */
export function failStartup(app: string, error: unknown, address?: ListenAddress): never {
  console.error(describeStartupFailure(app, error, address))
  process.exit(1)
}

/** The one line `failStartup` prints: the cause named for the codes a listen fails with, anything else wrapped. */
export function describeStartupFailure(app: string, error: unknown, address?: ListenAddress): string {
  const code = (error as { code?: unknown } | null)?.code
  const where = address ? `${urlHost(address.hostname)}:${address.port}` : 'the address'
  switch (code) {
    case 'EADDRINUSE':
      return `[${app}] cannot listen on ${where}: the port is in use (EADDRINUSE). Stop the other server or set PORT to a free port.`
    case 'EACCES':
      return `[${app}] cannot listen on ${where}: permission denied (EACCES). Ports below 1024 need privileges; set PORT=3000.`
    case 'EADDRNOTAVAIL':
      return `[${app}] cannot listen on ${where}: this machine has no such address (EADDRNOTAVAIL). Check LISTEN_HOST.`
  }
  const message = error instanceof Error ? error.message : String(error)
  // Bun and Deno report a taken port in their own words, without Node's code.
  if (/in use|EADDRINUSE|AddrInUse/i.test(message))
    return `[${app}] cannot listen on ${where}: the port is in use. Stop the other server or set PORT to a free port.`
  return message.startsWith(`[${app}]`) ? message : `[${app}] failed to start: ${message}`
}

/** Starts a server whose failure to listen throws (Bun.serve, Deno.serve), failing as one line. */
export function listenOrFail<T>(app: string, start: () => T, address: ListenAddress): T {
  try {
    return start()
  } catch (error) {
    failStartup(app, error, address)
  }
}

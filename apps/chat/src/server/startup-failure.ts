import type { ChatConfig } from './config.js'

/**
 * A startup failure as one line a person can act on, then exit 1. Node's default for an
 * unhandled `'error'` event or a rejected top-level await is a 20 to 30 line stack that buries the
 * one fact that matters (the port is taken, Redis is not there).
 */
export function failStartup(error: unknown, config?: Pick<ChatConfig, 'port' | 'hostname'>): never {
  console.error(describeStartupFailure(error, config))
  process.exit(1)
}

export function describeStartupFailure(error: unknown, config?: Pick<ChatConfig, 'port' | 'hostname'>): string {
  const code = (error as { code?: unknown } | null)?.code
  const where = config ? `${urlHost(config.hostname)}:${config.port}` : 'the address'
  switch (code) {
    case 'EADDRINUSE':
      return `[chat] cannot listen on ${where}: the port is in use (EADDRINUSE). Stop the other server or set PORT to a free port.`
    case 'EACCES':
      return `[chat] cannot listen on ${where}: permission denied (EACCES). Ports below 1024 need privileges; set PORT=3000.`
    case 'EADDRNOTAVAIL':
      return `[chat] cannot listen on ${where}: this machine has no such address (EADDRNOTAVAIL). Check LISTEN_HOST.`
  }
  const message = error instanceof Error ? error.message : String(error)
  // Bun and Deno report a taken port in their own words, without Node's code.
  if (/in use|EADDRINUSE|AddrInUse/i.test(message))
    return `[chat] cannot listen on ${where}: the port is in use. Stop the other server or set PORT to a free port.`
  return message.startsWith('[chat]') ? message : `[chat] failed to start: ${message}`
}

/** An address as it goes in a URL: IPv6 in brackets, the wildcard addresses as loopback. */
export function urlHost(hostname: string): string {
  if (hostname === '0.0.0.0') return '127.0.0.1'
  if (hostname === '::') return '[::1]'
  return hostname.includes(':') ? `[${hostname}]` : hostname
}

/** Starts a server whose failure to listen throws (Bun.serve, Deno.serve), failing as one line. */
export function listenOrFail<T>(start: () => T, config: Pick<ChatConfig, 'port' | 'hostname'>): T {
  try {
    return start()
  } catch (error) {
    failStartup(error, config)
  }
}

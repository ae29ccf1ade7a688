import { createBridge, type Bridge } from '@wsbridge/core'
import { loadPage, type Page } from '@wsbridge/app-kit/page'
import { urlHost } from '@wsbridge/app-kit/serve'
import { routes } from '../routes.js'

/** What every host needs before it starts its runtime's server: the tutorial's routes under /api, and the page. */
export async function setupEcho(): Promise<{ bridge: Bridge<typeof routes>; page: Page }> {
  // The page is plain HTML with its script inline: nothing to bundle.
  return { bridge: createBridge(routes, { prefix: '/api' }), page: await loadPage(new URL('../../', import.meta.url), { script: false }) }
}

/** Host settings from the environment: PORT (3000) and LISTEN_HOST (127.0.0.1). */
export const readEnv = (env: Record<string, string | undefined>): { port: number; hostname: string } => ({
  port: Number(env['PORT'] ?? 3000),
  hostname: env['LISTEN_HOST'] || '127.0.0.1',
})

/** The line people (and the browser tests) read to find the server. */
export function announce(host: string, hostname: string, port: number): void {
  console.log(`[echo] ${host} listening on http://${urlHost(hostname)}:${port}/ (WebSocket routes: /api/echo, /api/chat)`)
}

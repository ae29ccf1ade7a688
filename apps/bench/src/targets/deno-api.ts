/**
 * The two Deno calls the Deno targets make, typed here because the bench typechecks with Node's and
 * Bun's lib types only. Shapes from https://docs.deno.com/api/deno/~/Deno.serve and
 * ~/Deno.upgradeWebSocket (the socket and info types are adapter-deno's duck types: type-only, nothing of it runs here).
 */
import type { DenoServeInfo, DenoSocket } from '@wsbridge/adapter-deno'

export type { DenoServeInfo, DenoSocket }

interface DenoApi {
  serve(
    options: { readonly hostname: string; readonly port: number; readonly onListen: (address: { readonly port: number }) => void },
    handler: (request: Request, info: DenoServeInfo) => Response | Promise<Response>,
  ): unknown
  upgradeWebSocket(
    request: Request,
    options?: { readonly idleTimeout?: number },
  ): { readonly socket: DenoSocket; readonly response: Response }
}

/** `Deno`, present when the target runs under Deno (the only way the runner starts these files). */
export const Deno = (globalThis as unknown as { readonly Deno: DenoApi }).Deno

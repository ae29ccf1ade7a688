/** One file a sample serves over plain HTTP next to its WebSocket routes. */
export interface StaticFile {
  readonly body: string
  readonly contentType: string
}

/** URL path → file. Built in memory at startup (src/page.ts); there is nothing to build first. */
export type Page = ReadonlyMap<string, StaticFile>

/**
 * For fetch-style hosts (Bun, Deno, Hono, a Worker): the file's Response, or undefined to fall
 * through. Kept apart from page.ts (Node's file reading and esbuild) so a Worker bundle can serve a
 * page built elsewhere.
 */
export function pageResponse(page: Page, request: Request): Response | undefined {
  if (request.method !== 'GET' && request.method !== 'HEAD') return undefined
  const file = page.get(new URL(request.url).pathname)
  return file && new Response(request.method === 'HEAD' ? null : file.body, { headers: headersOf(file) })
}

/** pageResponse, or a plain 404: the fallback of hosts that own nothing but the page. */
export const pageOrNotFound = (page: Page, request: Request): Response =>
  pageResponse(page, request) ?? new Response('Not Found', { status: 404 })

export const headersOf = (file: StaticFile): Record<string, string> => ({ 'content-type': file.contentType, 'cache-control': 'no-store' })

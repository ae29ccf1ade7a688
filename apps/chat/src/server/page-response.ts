/** One file the chat serves over plain HTTP next to its WebSocket route. */
export interface StaticFile {
  readonly body: string
  readonly contentType: string
}

/** URL path → file. Everything is built in memory at startup; there is nothing to build first. */
export type Page = ReadonlyMap<string, StaticFile>

/** For fetch-style hosts (Bun, Hono): the file's Response, or undefined to fall through. */
export function pageResponse(page: Page, request: Request): Response | undefined {
  if (request.method !== 'GET' && request.method !== 'HEAD') return undefined
  const file = page.get(new URL(request.url).pathname)
  return file && new Response(file.body, { headers: { 'content-type': file.contentType, 'cache-control': 'no-store' } })
}

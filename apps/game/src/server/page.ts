import { readFile } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import { build } from 'esbuild'

/** One file served over plain HTTP next to the WebSocket route. */
export interface StaticFile {
  readonly body: string
  readonly contentType: string
}

/** URL path → file, built in memory at startup: there is nothing to build first. */
export type Page = ReadonlyMap<string, StaticFile>

const appDir = new URL('../../', import.meta.url)

/** Reads the page and bundles src/client/main.ts (the wsbridge client and the routes' *types* only). */
export async function loadPage(): Promise<Page> {
  const [html, css, bundle] = await Promise.all([
    readFile(new URL('public/index.html', appDir), 'utf8'),
    readFile(new URL('public/style.css', appDir), 'utf8'),
    build({
      entryPoints: [fileURLToPath(new URL('src/client/main.ts', appDir))],
      bundle: true,
      write: false,
      format: 'esm',
      platform: 'browser',
      target: 'es2022',
      logLevel: 'silent',
    }),
  ])
  const index: StaticFile = { body: html, contentType: 'text/html; charset=utf-8' }
  return new Map([
    ['/', index],
    ['/index.html', index],
    ['/app.js', { body: bundle.outputFiles[0]?.text ?? '', contentType: 'text/javascript; charset=utf-8' }],
    ['/style.css', { body: css, contentType: 'text/css; charset=utf-8' }],
  ])
}

/** The file for a GET/HEAD of `pathname`, if the page has one. */
export function pageFile(page: Page, method: string | undefined, pathname: string): StaticFile | undefined {
  return method === 'GET' || method === 'HEAD' ? page.get(pathname) : undefined
}

/** For fetch-style hosts (Bun): the file's Response, or a 404. */
export function pageResponse(page: Page, request: Request): Response {
  const file = pageFile(page, request.method, new URL(request.url).pathname)
  if (!file) return new Response('Not Found', { status: 404 })
  return new Response(request.method === 'HEAD' ? null : file.body, {
    headers: { 'content-type': file.contentType, 'cache-control': 'no-store' },
  })
}

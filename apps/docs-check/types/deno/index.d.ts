// The part of Deno's global API the docs' Deno examples use (docs/adapters/deno.md, getting-started.md), so that
// docs-check type-checks them under Node's tsc: Deno's own lib types are not an npm package. The
// shapes follow https://docs.deno.com/api/deno/~/Deno.serve.
declare namespace Deno {
  interface NetAddr {
    readonly transport: 'tcp' | 'udp'
    readonly hostname: string
    readonly port: number
  }
  interface ServeHandlerInfo {
    readonly remoteAddr: NetAddr
  }
  type ServeHandler = (request: Request, info: ServeHandlerInfo) => Response | Promise<Response>
  interface ServeOptions {
    readonly port?: number
    readonly hostname?: string
    readonly signal?: AbortSignal
    readonly onListen?: (addr: NetAddr) => void
  }
  interface HttpServer {
    readonly addr: NetAddr
    readonly finished: Promise<void>
    shutdown(): Promise<void>
  }
  function serve(handler: ServeHandler): HttpServer
  function serve(options: ServeOptions, handler: ServeHandler): HttpServer
  function serve(options: ServeOptions & { readonly handler: ServeHandler }): HttpServer
  // https://docs.deno.com/api/deno/~/Deno.readTextFile
  function readTextFile(path: string | URL): Promise<string>
  // https://docs.deno.com/api/deno/~/Deno.env
  const env: { get(key: string): string | undefined }
}

import type { Miniflare, MiniflareOptions } from 'miniflare'

/** Bundles `entry` (TypeScript, workspace packages included) into one ES module for workerd. */
export function bundleWorker(entry: string): Promise<string>
/** Bundles `entry` and starts it under Miniflare; `options` are Miniflare's (bindings, port, stdio). */
export function startMiniflare(entry: string, options?: Partial<MiniflareOptions>): Promise<{ miniflare: Miniflare; url: URL }>

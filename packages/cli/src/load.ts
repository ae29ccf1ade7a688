import { existsSync } from 'node:fs'
import { resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import type { Routes } from '@wsbridge/core'
import { tsImport } from 'tsx/esm/api'
import { toRoutes } from './routes.js'

/**
 * Loads a routes module (TypeScript or JavaScript, through tsx) and returns the named export —
 * `routes` by default, falling back to the default export. A bridge is accepted too.
 */
export async function loadRoutes(modulePath: string, exportName = 'routes'): Promise<Routes> {
  const absolute = resolve(modulePath)
  if (!existsSync(absolute)) throw new Error(`[wsbridge/cli] routes module not found: ${modulePath} (looked for ${absolute})`)
  const module = (await tsImport(pathToFileURL(absolute).href, import.meta.url)) as Record<string, unknown>
  const value = Object.hasOwn(module, exportName) ? module[exportName] : exportName === 'routes' ? module['default'] : undefined
  if (value === undefined) {
    const names = Object.keys(module).join(', ') || 'none'
    throw new Error(`[wsbridge/cli] ${modulePath} has no export "${exportName}" (exports: ${names}); pass --export <name>`)
  }
  return toRoutes(value)
}

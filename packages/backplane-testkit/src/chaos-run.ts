import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll } from 'vitest'
import { type ChildInstance, bundleInstance, bunExecutable, spawnInstance } from './processes.js'
import type { Cleanup } from './scenarios.js'

/** A chaos test file's instance processes and cleanups (see chaosRun). */
export interface ChaosRun {
  /**
   * Starts a child instance: `node-ws` or `express` from the Node bundle, `bun` running the Bun
   * host as it is; `args` go to the package's options factory. Killed (SIGKILL) after the file.
   */
  spawn(kind: string, ...args: string[]): Promise<ChildInstance>
  /** Registers a step for after the file; steps run last registered first, each failure ignored. */
  readonly cleanup: Cleanup
}

const BUN_HOST = fileURLToPath(new URL('./hosts/bun-host.ts', import.meta.url))

/**
 * Sets up a chaos test file for the options factory in `factory` (a module exporting
 * `instanceOptions`, see InstanceFactory): bundles the Node host with it before the file's tests,
 * and after them kills every child and runs the cleanups. Call it at the top of the file.
 */
export function chaosRun(factory: URL): ChaosRun {
  const module = fileURLToPath(factory)
  const bun = bunExecutable(factory.href)
  const children: ChildInstance[] = []
  const cleanups: (() => Promise<unknown>)[] = []
  let bundle = ''
  beforeAll(() => void (bundle = bundleInstance(module)))
  afterAll(async () => {
    await Promise.all(children.map((c) => c.stop('SIGKILL')))
    for (const step of cleanups.reverse()) await step().catch(() => undefined)
  })
  return {
    cleanup: (step) => void cleanups.push(step),
    spawn: async (kind, ...args) => {
      const child =
        kind === 'bun'
          ? await spawnInstance(bun, [BUN_HOST, module, ...args])
          : await spawnInstance(process.execPath, [bundle, kind, ...args])
      children.push(child)
      return child
    },
  }
}

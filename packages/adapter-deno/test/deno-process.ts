import { type ChildProcess, spawn } from 'node:child_process'
import { createInterface } from 'node:readline'
import { denoBinary, packageDir } from './deno-binary.js'

/** A Deno process running `script` (relative to the package), read as JSON lines on its stdout. */
export class DenoProcess {
  readonly events: Record<string, unknown>[] = []
  readonly #child: ChildProcess
  #waiters: (() => void)[] = []

  private constructor(child: ChildProcess) {
    this.#child = child
    createInterface({ input: child.stdout! }).on('line', (line) => {
      if (!line.startsWith('{')) return
      this.events.push(JSON.parse(line) as Record<string, unknown>)
      for (const wake of this.#waiters.splice(0)) wake()
    })
  }

  static async start(script: string): Promise<{ process: DenoProcess; port: number }> {
    const child = spawn(denoBinary, ['run', '-A', script], { cwd: packageDir, stdio: ['ignore', 'pipe', 'inherit'] })
    const process = new DenoProcess(child)
    const ready = await process.until((event) => event['type'] === 'ready', 30_000)
    return { process, port: ready['port'] as number }
  }

  /** The first event matching `predicate`, waiting for it up to `timeout` ms. */
  async until(predicate: (event: Record<string, unknown>) => boolean, timeout = 5000): Promise<Record<string, unknown>> {
    const deadline = Date.now() + timeout
    for (;;) {
      const found = this.events.find(predicate)
      if (found) return found
      if (Date.now() > deadline) throw new Error(`no matching event in ${JSON.stringify(this.events)}`)
      await new Promise<void>((resolve) => {
        this.#waiters.push(resolve)
        setTimeout(resolve, 50)
      })
    }
  }

  stop(): void {
    this.#child.kill('SIGKILL')
  }
}

import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { RunningHost } from '../src/running-host.js'

const fakeHost = fileURLToPath(new URL('./fixtures/fake-host.mjs', import.meta.url))

/** Whether `pid` runs: a killed process whose parent is gone may linger as a zombie until reaped. */
function alive(pid: number): boolean {
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'))
  } catch {
    return false
  }
}

describe('a host process', () => {
  it('that exits before its ready line fails to start with its exit and its output', async () => {
    const host = new RunningHost(
      { name: 'crashes', command: [process.execPath, '-e', "console.error('no port for me'); process.exit(3)"] },
      {},
    )
    await expect(host.start()).rejects.toThrow(/crashes exited with 3; its output:\nno port for me/)
  })

  it('that never announces a port fails after startTimeout and is killed', async () => {
    const host = new RunningHost(
      { name: 'silent', command: [process.execPath, '-e', 'setInterval(() => {}, 1000)'], startTimeout: 300 },
      {},
    )
    await expect(host.start()).rejects.toThrow(/silent sent no ready line within 300ms/)
  })

  it('is queried over its observer and killed with everything its command started (a wrapper too)', async () => {
    // `sh -c '…; true'` keeps the shell as the parent: killing only it would leave the server running.
    const host = new RunningHost({ name: 'wrapped', command: ['sh', '-c', `"${process.execPath}" "${fakeHost}"; true`] }, {})
    await host.start()
    expect(await host.connectionCount()).toBe(0)
    const pid = Number(/pid (\d+)/.exec(host.output)?.[1])
    expect(alive(pid)).toBe(true)
    await host.kill()
    await expect.poll(() => alive(pid)).toBe(false)
  })

  it('restarts on the port it had, as a new process', async () => {
    const host = new RunningHost({ name: 'restarts', command: [process.execPath, fakeHost] }, {})
    await host.start()
    const { port, pid } = host
    // The fake host listens where it likes, so the restarted one reports a port of its own; a real
    // host asked for `port` takes it (the client group's restart case proves that on every host).
    await host.restart()
    expect(host.pid).not.toBe(pid)
    expect(host.events.readyPorts).toHaveLength(2)
    expect(port).toBeGreaterThan(0)
    await host.kill()
  })
})

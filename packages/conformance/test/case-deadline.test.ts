import { describe, expect, it } from 'vitest'
import { CaseDeadline, withinDeadline } from '../src/case-deadline.js'

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))

describe('a case deadline', () => {
  it('fails work that outlives it', async () => {
    await expect(withinDeadline(sleep(200), new CaseDeadline(50, 'slow'))).rejects.toThrow(/case "slow" timed out after 50ms/)
  })

  it('does not count the time a host takes to start', async () => {
    const deadline = new CaseDeadline(150, 'boots')
    const work = (async () => {
      await sleep(50)
      const resume = deadline.pause()
      await sleep(300) // a slow host start: longer than the whole limit
      resume()
      await sleep(50)
    })()
    await expect(withinDeadline(work, deadline)).resolves.toBeUndefined()
  })

  it('runs again only when every overlapping pause has ended', async () => {
    const deadline = new CaseDeadline(100, 'overlap')
    const first = deadline.pause()
    const second = deadline.pause()
    first()
    await sleep(150)
    second()
    await expect(withinDeadline(sleep(30), deadline)).resolves.toBeUndefined()
  })
})

import { describe, expect, it } from 'vitest'
import { BackplaneHealth } from '../../src/adapter/index.js'

function observed() {
  const reports: string[] = []
  const states: string[] = []
  const health = new BackplaneHealth({
    tag: '[drv]',
    backend: 'Store',
    report: (error) => reports.push((error as Error).message),
    state: (state) => states.push(state),
  })
  return { health, reports, states }
}

describe('BackplaneHealth', () => {
  it('reports the first failure per connection per outage, and the state once per change', () => {
    const { health, reports, states } = observed()
    health.recovered()
    for (let i = 0; i < 50; i++) health.failed(new Error('ECONNREFUSED'))
    expect(health.down).toBe(true)
    for (let i = 0; i < 50; i++) health.dropping()
    health.recovered()
    health.failed('again')
    expect(reports).toEqual([
      '[drv] ECONNREFUSED',
      '[drv] Store is not connected: publishes to other instances are dropped until it is back',
      '[drv] again',
    ])
    expect(states).toEqual(['up', 'down', 'up', 'down'])
  })

  it('names each role, and is up only when every role is back', () => {
    const { health, reports, states } = observed()
    health.failed(new Error('x'), 'publisher')
    health.failed(new Error('x'), 'subscriber')
    health.recovered('publisher')
    expect(health.down).toBe(true)
    health.recovered('subscriber')
    expect(reports).toEqual(['[drv] publisher: x', '[drv] subscriber: x'])
    expect(states).toEqual(['down', 'up'])
  })

  it('reports each kind of failed operation once until the backend is fully up again', () => {
    const { health, reports } = observed()
    health.operation('publish', new Error('too big'))
    health.operation('publish', new Error('too big'))
    health.operation('subscription', 'denied')
    health.failed(new Error('gone'))
    health.recovered()
    health.operation('publish', new Error('too big'))
    expect(reports).toEqual(['[drv] publish: too big', '[drv] subscription: denied', '[drv] gone', '[drv] publish: too big'])
  })
})

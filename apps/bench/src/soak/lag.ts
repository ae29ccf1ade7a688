/**
 * Event-loop lag: how late a 100 ms timer has fired at worst since the process started. A soak process
 * starved of CPU answers (client) or checks (server) heartbeats late; once the lag nears the heartbeat
 * interval, connections that do answer pings are ended as dead ones, and the report shows why.
 */
export function lagMeter(): { worst(): number } {
  const period = 100
  let expected = performance.now() + period
  let worst = 0
  setInterval(() => {
    const now = performance.now()
    worst = Math.max(worst, now - expected)
    expected = now + period
  }, period).unref()
  return { worst: () => Math.round(worst) }
}

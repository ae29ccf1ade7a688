import { execSync } from 'node:child_process'

/**
 * This process's hard open-file limit: every process the bench starts raises its soft limit to it
 * (spawn.ts), and only a process with CAP_SYS_RESOURCE can raise the hard one. Infinity when unlimited.
 */
export function hardFileLimit(): number {
  const hard = execSync('ulimit -Hn', { shell: '/bin/sh' }).toString().trim()
  return hard === 'unlimited' ? Number.POSITIVE_INFINITY : Number(hard)
}

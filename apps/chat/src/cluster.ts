// `npm run start:cluster`: the chat on two ports sharing one Redis, on two different adapters.
// Open http://127.0.0.1:3000/?token=alice and http://127.0.0.1:3001/?token=bob: same room, one chat.
import { spawn, type ChildProcess } from 'node:child_process'
import { fileURLToPath } from 'node:url'

const redisUrl = process.env['REDIS_URL'] || 'redis://127.0.0.1:6379'
const hosts = (process.env['CLUSTER_HOSTS'] || 'express,node-ws').split(',')
const firstPort = Number(process.env['PORT'] || 3000)
const start = fileURLToPath(new URL('./start.ts', import.meta.url))

const children: ChildProcess[] = hosts.map((host, index) =>
  spawn(process.execPath, ['--import', 'tsx', start], {
    stdio: 'inherit',
    env: {
      ...process.env,
      CHAT_HOST: host.trim(),
      PORT: String(firstPort + index),
      REDIS_URL: redisUrl,
      INSTANCE_NAME: `${host.trim()}:${firstPort + index}`,
    },
  }),
)

// One instance failing takes the cluster down, so a broken Redis URL is obvious at once.
let exiting = false
function stopAll(code: number): void {
  if (exiting) return
  exiting = true
  for (const child of children) child.kill('SIGTERM')
  process.exitCode = code
}
for (const child of children) child.on('exit', (code) => stopAll(code ?? 1))
process.on('SIGINT', () => stopAll(0))
process.on('SIGTERM', () => stopAll(0))

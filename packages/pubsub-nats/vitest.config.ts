import { packageProject } from '../tsconfig/vitest.base.js'

// Each file starts servers and real NATS connections; the restart tests start their own nats-server.
export default packageProject('pubsub-nats', {
  testTimeout: 60_000,
  hookTimeout: 30_000,
  typecheck: { include: ['test/**/*.test-d.ts'], tsconfig: './tsconfig.json' },
})

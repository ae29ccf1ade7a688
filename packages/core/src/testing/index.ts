/**
 * `@wsbridge/core/testing`: unit-test routes without a runtime or sockets. See docs/testing.md.
 * @example
 * const t = createTestBridge({ chat }, { prefix: '/api' })
 * const client = await t.connect('/api/chat?token=t1')
 * client.send({ type: 'join', roomId: 'r1' })
 * expect(await client.next()).toEqual({ type: 'joined', roomId: 'r1' })
 */
export { createTestBridge, UpgradeRejectedError } from './test-bridge.js'
export type { TestBridge, TestConnectOptions, TestRejection, TestUpgrade } from './test-bridge.js'
export { TestClient } from './test-client.js'
export type { TestClose } from './test-client.js'

export { createNodeWebSocketServer } from './server.js'
export type { NodeWebSocketServer, NodeWebSocketServerOptions, UpgradeCallback } from './server.js'
export { refuseUpgrade } from './refuse.js'

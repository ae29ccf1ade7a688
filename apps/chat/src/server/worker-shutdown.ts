/**
 * The chat object's path for a graceful stop (every socket gets 1001). Only src/workerd.ts reaches
 * it, through Miniflare's object stub: the Worker forwards nothing but `/api/*` to the object.
 */
export const SHUTDOWN_PATH = '/__shutdown'

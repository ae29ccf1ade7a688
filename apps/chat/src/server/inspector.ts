import { createInspector, type Inspector } from '@wsbridge/inspector'

/**
 * The live inspector (http://localhost:3000/__inspector), in development only: created when
 * `WSBRIDGE_INSPECTOR=1` and `NODE_ENV` is not `production`. Other machines need
 * `WSBRIDGE_INSPECTOR_TOKEN` (open the page with `?token=`); without it only loopback peers get in.
 * An exported session imports the routes from `src/routes.ts`: save it in `apps/chat/test/`.
 */
export function chatInspector(server: string, env: Readonly<Record<string, string | undefined>> = process.env): Inspector | undefined {
  if (env['WSBRIDGE_INSPECTOR'] !== '1' || env['NODE_ENV'] === 'production') return undefined
  const token = env['WSBRIDGE_INSPECTOR_TOKEN'] || undefined
  return createInspector({
    ...(token && { token }),
    exportTest: {
      imports: "import { chatRoutes, publishRoomPresence } from '../src/routes.js'",
      routes: `chatRoutes(${JSON.stringify(server)})`,
      setup: 'publishRoomPresence(t.bridge)',
    },
  })
}

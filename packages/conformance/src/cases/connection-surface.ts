import { expect } from 'vitest'
import { defineCaseGroup } from '../case.js'
import { DOCUMENTED_CONNECTION_KEYS } from '../connection-surface-names.js'
import type { SurfaceReport } from '../routes/connection-surface.js'

export const connectionSurfaceGroup = defineCaseGroup({
  name: 'connection surface',
  cases: [
    {
      name: "a handler's connection exposes only the documented API: no runtime internal is reachable or callable",
      async run(ctx) {
        const client = await ctx.connect('/surfaceReport')
        client.send('again')
        const reports = (await client.take(2)) as SurfaceReport[]
        const expected = [...DOCUMENTED_CONNECTION_KEYS, 'constructor'].sort()
        for (const at of ['open', 'message'] as const) {
          expect(reports.find((report) => report.at === at)).toEqual({ at, keys: expected, statics: [], internals: [] })
        }
      },
    },
  ],
})

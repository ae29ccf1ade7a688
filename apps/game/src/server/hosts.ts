import { hostCommand as sampleHostCommand, type SampleHost } from '@wsbridge/app-kit/runtimes'

export { sampleHosts as gameHosts } from '@wsbridge/app-kit/runtimes'

/** Every host the game runs on; each starts from src/<host>.ts, but Node's ws from src/server.ts (`npm start`). */
export type GameHost = SampleHost

/** The command that runs `host` as its own process, as `npm run start:<host>` does. */
export const hostCommand = (host: GameHost): string[] =>
  sampleHostCommand(new URL('../../', import.meta.url), host, { 'node-ws': 'src/server.ts' })

import { hostCommand as sampleHostCommand, type SampleHost } from '@wsbridge/app-kit/runtimes'

/** Every host the echo sample runs on; each starts from src/<host>.ts, but Express from src/server.ts (`npm start`). */
export type EchoHost = SampleHost

/** The command that runs `host` as its own process, as `npm run start:<host>` does. */
export const hostCommand = (host: EchoHost): string[] =>
  sampleHostCommand(new URL('../../', import.meta.url), host, { express: 'src/server.ts' })

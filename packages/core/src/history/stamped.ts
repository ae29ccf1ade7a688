/**
 * Reads the position off a stamped frame (`{"~":"msg","t":…,"e":…,"s":…,"d":…}`, see
 * control-frames.ts) another instance published, without parsing the message it carries.
 */
const POSITION = /^"((?:[^"\\]|\\.)*)","s":(\d+),"d":/

export function stampedPosition(topic: string, frame: string): { epoch: string; seq: number } | undefined {
  const head = `{"~":"msg","t":${JSON.stringify(topic)},"e":`
  if (!frame.startsWith(head)) return undefined
  const match = POSITION.exec(frame.slice(head.length, head.length + 200))
  if (!match) return undefined
  let epoch: unknown
  try {
    epoch = JSON.parse(`"${match[1]}"`)
  } catch {
    return undefined
  }
  const seq = Number(match[2])
  return typeof epoch === 'string' && Number.isSafeInteger(seq) ? { epoch, seq } : undefined
}

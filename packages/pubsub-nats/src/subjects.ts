import { createHash } from 'node:crypto'

/** Tokens longer than this are hashed, so a subject stays far below the server's 4 KiB control line. */
const MAX_TOKEN = 200
const KEPT = /[A-Za-z0-9-]/

/**
 * Turns any topic into one NATS subject token, without `.`, `*`, `>` or whitespace, so no topic can
 * span tokens, act as a wildcard or meet another topic's subject.
 *
 * ASCII letters, digits and `-` are kept; every other UTF-16 code unit becomes `_` and four hex
 * digits (`chat:lobby` → `chat_003alobby`). Code units rather than UTF-8 keep lone surrogates apart.
 * An encoding longer than 200 characters is replaced by `_h` and the SHA-256 of the topic
 * (base64url); an escape is never followed by `h`, so the two forms cannot meet. The empty topic is
 * `_`, which no escape produces (a subject token cannot be empty).
 */
export function topicToken(topic: string): string {
  if (topic === '') return '_'
  let token = ''
  for (let i = 0; i < topic.length; i++) {
    const char = topic[i] as string
    token += KEPT.test(char) ? char : `_${topic.charCodeAt(i).toString(16).padStart(4, '0')}`
    if (token.length > MAX_TOKEN) return `_h${createHash('sha256').update(topic, 'utf16le').digest('base64url')}`
  }
  return token
}

const PREFIX = /^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*$/

/** Throws unless `prefix` is plain subject tokens (`wsbridge`, `app.prod`): no wildcards, spaces or empty tokens. */
export function checkPrefix(prefix: string): string {
  if (!PREFIX.test(prefix)) {
    throw new Error(
      `[wsbridge/pubsub-nats] prefix must be dot-separated tokens of letters, digits, "-" and "_"; got ${JSON.stringify(prefix)}`,
    )
  }
  return prefix
}

/** The subjects of one prefix: `<prefix>.t.<token>` carries publishes, `<prefix>.p.<token>` presence queries. */
export interface Subjects {
  topic(topic: string): string
  presence(topic: string): string
}

export function subjectsFor(prefix: string): Subjects {
  checkPrefix(prefix)
  return {
    topic: (topic) => `${prefix}.t.${topicToken(topic)}`,
    presence: (topic) => `${prefix}.p.${topicToken(topic)}`,
  }
}

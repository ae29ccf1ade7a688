import type { PubSubMessage, PubSubSink } from '@wsbridge/core'

/** A PubSubSink that records what a driver hands back to its bridge. */
export class RecordingSink implements PubSubSink {
  readonly delivered: { message: PubSubMessage; via: string }[] = []
  readonly errors: unknown[] = []

  deliver(message: PubSubMessage, via: string): number {
    this.delivered.push({ message, via })
    return 1
  }

  error(error: unknown): void {
    this.errors.push(error)
  }

  members(): [] {
    return []
  }

  frames(): unknown[] {
    return this.delivered.map((d) => d.message.frame)
  }
}

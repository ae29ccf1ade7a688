import { isSpanContextValid, type SpanContext, TraceFlags } from '@opentelemetry/api'

/** W3C trace context `traceparent`, version 00 (https://www.w3.org/TR/trace-context/#traceparent-header). */
const TRACEPARENT = /^00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$/

/** The span context a `traceparent` names, marked remote; undefined for anything malformed or all-zero ids. */
export function parseTraceparent(value: unknown): SpanContext | undefined {
  if (typeof value !== 'string' || value.length !== 55) return undefined
  const match = TRACEPARENT.exec(value)
  if (!match) return undefined
  const context: SpanContext = {
    traceId: match[1]!,
    spanId: match[2]!,
    traceFlags: Number.parseInt(match[3]!, 16) & TraceFlags.SAMPLED,
    isRemote: true,
  }
  return isSpanContextValid(context) ? context : undefined
}

/** The `traceparent` for a span context, or undefined when it is not valid (a non-recording no-op span). */
export function formatTraceparent(context: SpanContext): string | undefined {
  if (!isSpanContextValid(context)) return undefined
  return `00-${context.traceId}-${context.spanId}-${(context.traceFlags & TraceFlags.SAMPLED) === 0 ? '00' : '01'}`
}

const FIELD = '"traceparent":"'

/**
 * A `traceparent` field in a JSON text message (`{"type":"say","traceparent":"00-…",…}`), found
 * without parsing the message a second time: core parses it for the handler. Only the first
 * occurrence is read, and only a well-formed value counts.
 */
export function traceparentInMessage(text: string): SpanContext | undefined {
  const at = text.indexOf(FIELD)
  if (at === -1) return undefined
  const start = at + FIELD.length
  return parseTraceparent(text.slice(start, start + 55))
}

export type {
  HistoryAppendOptions,
  HistoryDriver,
  HistoryEntry,
  HistoryPosition,
  HistoryRead,
  HistoryRetention,
} from './driver.js'
export { createMemoryHistory, type MemoryHistoryOptions } from './memory.js'

// The connection bridge: Relay Cursor Connections over any vendor list, merged feeds, and
// constant-memory streams for exports. Everything outside src/pagination imports from here.

export {
  DEFAULT_FIRST,
  describeFirst,
  EXPORT_MAX_FIRST,
  MAX_FIRST,
  maxFirstFor,
} from './bounds.js';
export { connectionFromAdapter } from './connection.js';
export { type FilterVerdict, filteredCursorList, filteredList, pagesAsOffsets } from './filter.js';
export {
  lazyMergedConnection,
  type MergeOptions,
  type MergeStream,
  mergedConnection,
} from './merge.js';
export { iterateAdapter, iterateMerged, iteratePages, type StreamOptions } from './stream.js';
export type {
  Connection,
  ConnectionArgs,
  ConnectionOptions,
  CursorAdapter,
  Edge,
  ListAdapter,
  OffsetAdapter,
  PageAdapter,
  PageInfo,
} from './types.js';
export { arrayList } from './array.js';
export { type ReadAheadOptions, ReadAheadStore } from './read-ahead.js';

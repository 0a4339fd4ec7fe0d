/**
 * Logs at tenant scale: Graph activity logs, sign-in logs and HAR captures read record by record,
 * aggregated into a mergeable state and a report. Pure: the CLI and the web page feed it.
 */
export { LogAggregator, type LogAggregatorOptions } from './aggregate.js'
export { UNKNOWN_APP } from './exchange-calls.js'
export { CsvParser, type CsvRow } from './read/csv.js'
export { detectLogContainer, type LogContainer } from './read/detect.js'
export { JsonLinesReader } from './read/json-lines.js'
export { scanBytes, type ChunkBytes } from './read/plain-bytes.js'
export { createJsonLinesFeed, createLogFeed, documentArrayKey, type LogExportContainer, type LogFeed, type LogFeedOptions, type LogSink } from './read/feed.js'
export { AGGREGATED_FIELDS, readFlatFields, type FlatFields } from './read/flat-record.js'
export { field, listField, numberField, textField, type RawRecord } from './read/fields.js'
export { auditPrivileges, type PrivilegeAudit } from './least-privilege.js'
export { mergeStates, parsePartial } from './merge.js'
/** The one path shape (host, query and API version cut, ids → `{id}`), the same as `graph-doctor kql` groups by. */
export { isIdSegment, pathShape, uriOrigin } from '../kql/index.js'
export { readRecord, type ActivityRecord, type ReadRecord, type SigninRecord, type Weight } from './read/records.js'
export * from './report.js'
export { emptyState, PARTIAL_FORMAT, PARTIAL_VERSION, type AppRow, type FailureRow, type InputSummary, type LogState, type SigninRow, type UnreadableRecord } from './state.js'
export { UNEXPLAINED, type Verdict } from './verdict.js'
export { GroupJudge, type GroupJudgeOptions, type LoggedGroup, type SharedVerdict } from './group-judge.js'

/** Pre-aggregation of tenant-scale logs: the KQL query, the DuckDB SQL and the path shape they share. */
export { buildKqlQuery, kqlString, resolveKqlTable, KQL_TABLES, SIGNIN_TABLES } from './query.js'
export type { KqlOptions, KqlQuery, KqlTable } from './query.js'
export { pathShape, PATH_SHAPE_STEPS } from './path-shape.js'
export type { ShapeStep } from './path-shape.js'
export { isIdSegment, ID_PLACEHOLDER, ID_SEGMENT_PATTERNS } from './id-patterns.js'
export { ACTIVITY_GROUP_COLUMNS, SIGNIN_GROUP_COLUMNS, WEIGHT_COLUMNS, DIAGNOSED_FAILURE_STATUSES } from './columns.js'
export type { ActivityGroupColumn, SigninGroupColumn, LogKind } from './columns.js'

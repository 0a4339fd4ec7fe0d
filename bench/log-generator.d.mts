/** Where the generator reads the endpoint templates: the bundled permission snapshot. */
export declare const INDEX_PATH: string
/** The formats of each kind; the first is the default. */
export declare const FORMATS: { readonly activity: readonly string[]; readonly signins: readonly string[]; readonly har: readonly string[] }
export type LogKind = 'activity' | 'signins' | 'har'
/** The synthetic records of one kind, in order (Log Analytics column names). */
export declare function generateRecords(kind: 'activity' | 'signins', count: number, seed?: number): AsyncGenerator<Record<string, unknown>>
/** Write synthetic logs to a file, streaming; returns the bytes and records written. */
export declare function writeLogs(path: string, options: { kind: LogKind; records: number; format?: string; seed?: number }): Promise<{ bytes: number; records: number }>

/** 2026-11-20T10:00:00Z, the FIXTURE_TIME of the tests. */
export declare const GENERATOR_TIME: number
/** The n-th entry of the generated capture (deterministic). */
export declare function harEntry(n: number, tokens: readonly string[]): Record<string, unknown>
/** Write a HAR of `entries` entries to `path`, streaming; returns its size in bytes. */
export declare function writeHar(path: string, options: { entries: number; padBytes?: number }): number
/** How many results `diagnose` gives for a generated HAR. */
export declare function expectedResults(entries: number): number

/** Every (method, template) pair of a parsed permissions.json, in document order, without duplicates. */
export declare function templatePairs(document: unknown): { method: string; template: string }[]
/** A realistic request URL for a template; the same seed gives the same URL. */
export declare function instantiate(template: string, n: number): string

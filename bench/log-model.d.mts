/** A method of a template with the permission names that grant it, per scheme. */
export interface TemplateMethod {
  readonly method: string
  readonly delegated: string[]
  readonly application: string[]
}
/** Templates of the permission snapshot (index at `indexPath`) with, per method, the permissions that grant it. */
export declare function loadTemplates(indexPath: string): Promise<{ path: string; methods: TemplateMethod[] }[]>

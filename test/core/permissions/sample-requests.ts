import { instantiate } from '../../../bench/instantiate.mjs'
import { ModelCatalogue } from '../../../src/core/permissions/catalogue.js'
import { loadSnapshotCatalogue } from '../../helpers/catalogue.js'

export interface SampleRequest {
  readonly method: string
  readonly template: string
  readonly url: string
}

let pairs: { method: string; template: string }[] | undefined

/** Every (method, template) pair of the bundled snapshot (the official data plus our added endpoints). */
function snapshotPairs(): { method: string; template: string }[] {
  const catalogue = loadSnapshotCatalogue()
  if (!(catalogue instanceof ModelCatalogue)) throw new Error('the snapshot loads as a ModelCatalogue')
  const { templates } = catalogue.model
  const result: { method: string; template: string }[] = []
  for (let id = 0; id < templates.count; id++) {
    const { template, methods } = templates.record(id)
    for (const method of Object.keys(methods)) result.push({ method, template })
  }
  return result
}

/** Every (method, template) pair of the data, instantiated with realistic ids. */
export function allRequests(): SampleRequest[] {
  pairs ??= snapshotPairs()
  return pairs.map(({ method, template }, n) => ({ method, template, url: instantiate(template, n) }))
}

/** `count` requests spread evenly over every (method, template) pair of the data. */
export function sampleRequests(count: number): SampleRequest[] {
  const all = allRequests()
  const step = all.length / count
  return Array.from({ length: count }, (_, i) => all[Math.floor(i * step)] as SampleRequest)
}

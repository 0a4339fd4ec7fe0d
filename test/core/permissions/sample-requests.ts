import { instantiate, templatePairs } from '../../../bench/instantiate.mjs'
import { readSharedJson } from '../../helpers/catalogue.js'

export interface SampleRequest {
  readonly method: string
  readonly template: string
  readonly url: string
}

let pairs: { method: string; template: string }[] | undefined

/** Every (method, template) pair of the shared permissions.json, instantiated with realistic ids. */
export function allRequests(): SampleRequest[] {
  pairs ??= templatePairs(readSharedJson('permissions'))
  return pairs.map(({ method, template }, n) => ({ method, template, url: instantiate(template, n) }))
}

/** `count` requests spread evenly over every (method, template) pair of the data. */
export function sampleRequests(count: number): SampleRequest[] {
  const all = allRequests()
  const step = all.length / count
  return Array.from({ length: count }, (_, i) => all[Math.floor(i * step)] as SampleRequest)
}

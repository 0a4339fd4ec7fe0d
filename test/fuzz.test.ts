/**
 * A short fixed-seed fuzz run of every parser (HAR, curl, raw HTTP, bodies, JWT, WWW-Authenticate,
 * URL classification, AADSTS extraction) with planted secrets: no exception but GraphDoctorError, no
 * secret in any renderer's output. `npm run fuzz` runs the same targets for a million cases each.
 */
import { test } from 'node:test'
import fc from 'fast-check'
import { targets } from './fuzz/targets.js'

const SEED = 20261120
const RUNS = 120

for (const target of targets) {
  test(`fuzz ${target.name}: ${RUNS} cases (seed ${SEED}) neither crash nor print the planted secret`, () => {
    fc.assert(fc.property(target.arbitrary, (input) => target.check(input)), { seed: SEED, numRuns: RUNS })
  })
}

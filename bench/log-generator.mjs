#!/usr/bin/env node
// Realistic synthetic Microsoft Graph activity logs and Entra sign-in logs for tests and benchmarks:
// ~150 apps with display names and a scheme, calling thousands of endpoint templates of the bundled
// permission snapshot with consistent roles/scopes/wids, a realistic status mix (200/201/204, 400, 401,
// 403, 404, 429), AADSTS codes with descriptions from graph-doctor's table, timestamps over one week.
// Seeded (same seed, same bytes) and streamed (GBs in bounded memory). Fake tenants and ids only.
//
//   node bench/log-generator.mjs --kind activity|signins|har --records N --out FILE [--format F] [--seed S]
//   activity formats: jsonl (default), csv, storage (diagnostic-settings envelope, {"records":[…]} per line)
//   signins formats:  graph (default; /auditLogs/signIns pages, one per line), jsonl, csv (SigninLogs columns)
import { closeSync, openSync, writeSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { parseArgs } from 'node:util'
import { writeHar } from './har-generator.mjs'
import { makeTenant, rng } from './log-model.mjs'
import { activityRecord, storageRecord } from './log-records.mjs'
import { graphSignin, loadAadsts, signinRecord } from './log-signins.mjs'

const here = dirname(fileURLToPath(import.meta.url))
export const INDEX_PATH = join(here, '..', 'data', 'permissions', 'catalogue-index')
export const FORMATS = { activity: ['jsonl', 'csv', 'storage'], signins: ['graph', 'jsonl', 'csv'], har: ['har'] }
const ENVELOPE_RECORDS = 50
const PAGE_RECORDS = 1000
const CHUNK = 1 << 20

/** The synthetic records of one kind, in order (Log Analytics column names). */
export async function* generateRecords(kind, count, seed = 1) {
  const tenant = await makeTenant(seed, INDEX_PATH)
  const random = rng(seed + 1)
  const aadsts = kind === 'signins' ? await loadAadsts() : undefined
  for (let n = 0; n < count; n++) yield kind === 'activity' ? activityRecord(n, count, tenant, random) : signinRecord(n, count, tenant, aadsts, random)
}

function csvValue(value) {
  const text = value === null || value === undefined ? '' : typeof value === 'object' ? JSON.stringify(value) : String(value)
  return /[",\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text
}

/** Lines of the file for a batch of records; `first` tells whether this is the first batch. */
function formatBatch(format, records, first) {
  if (format === 'jsonl') return records.map((record) => `${JSON.stringify(record)}\n`).join('')
  if (format === 'csv') {
    const header = first ? `${Object.keys(records[0]).join(',')}\n` : ''
    return header + records.map((record) => `${Object.values(record).map(csvValue).join(',')}\n`).join('')
  }
  if (format === 'storage') return `${JSON.stringify({ records: records.map(storageRecord) })}\n`
  const page = { '@odata.context': 'https://graph.microsoft.com/v1.0/$metadata#auditLogs/signIns', value: records.map(graphSignin) }
  return `${JSON.stringify(page)}\n`
}

/**
 * Write `records` synthetic records of `kind` to `path` as `format`, streaming; returns the bytes and
 * records written.
 */
export async function writeLogs(path, { kind, records, format = FORMATS[kind]?.[0], seed = 1 }) {
  if (!FORMATS[kind]?.includes(format)) throw new Error(`log-generator: no format ${format} for kind ${kind}`)
  if (kind === 'har') return { bytes: writeHar(path, { entries: records }), records }
  const batchSize = format === 'graph' ? PAGE_RECORDS : format === 'storage' ? ENVELOPE_RECORDS : 256
  const fd = openSync(path, 'w')
  let bytes = 0
  let pending = ''
  let batch = []
  let first = true
  const flush = (force) => {
    if (pending.length < CHUNK && !force) return
    bytes += writeSync(fd, pending)
    pending = ''
  }
  try {
    for await (const record of generateRecords(kind, records, seed)) {
      batch.push(record)
      if (batch.length < batchSize) continue
      pending += formatBatch(format, batch, first)
      first = false
      batch = []
      flush(false)
    }
    if (batch.length > 0) pending += formatBatch(format, batch, first)
    flush(true)
  } finally {
    closeSync(fd)
  }
  return { bytes, records }
}

async function main() {
  const { values } = parseArgs({ options: { kind: { type: 'string' }, records: { type: 'string' }, out: { type: 'string' }, format: { type: 'string' }, seed: { type: 'string' } } })
  const kind = values.kind ?? 'activity'
  const records = Number(values.records ?? '1000')
  if (!FORMATS[kind] || !Number.isInteger(records) || records < 0 || values.out === undefined) {
    process.stderr.write('usage: node bench/log-generator.mjs --kind activity|signins|har --records N --out FILE [--format F] [--seed S]\n')
    process.exitCode = 2
    return
  }
  const result = await writeLogs(values.out, { kind, records, format: values.format ?? FORMATS[kind][0], seed: Number(values.seed ?? '1') })
  process.stderr.write(`${values.out}: ${result.records} ${kind} records, ${result.bytes} bytes\n`)
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main()

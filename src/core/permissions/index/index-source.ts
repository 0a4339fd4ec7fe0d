import { GraphDoctorError } from '../../errors.js'
import type { TemplateRecord, TemplateSource } from '../model.js'
import { GRANT_STRIDE } from '../model.js'

/** Starts a group line (`\u0001<first template id>\t<template count>`); the last line is `\u0002<template count>`. */
export const GROUP = '\u0001'
export const END = '\u0002'
const GROUP_CODE = 1
const NEWLINE = 10

/** The index text or its UTF-8 bytes: what {@link IndexSource} needs to find groups without decoding them. */
export interface IndexText {
  readonly length: number
  indexOf(code: number, from: number): number
  codeAt(at: number): number | undefined
  text(start: number, end: number): string
}

export function indexText(input: string | Uint8Array): IndexText {
  if (typeof input === 'string') {
    return {
      length: input.length,
      indexOf: (code, from) => input.indexOf(String.fromCharCode(code), from),
      codeAt: (at) => input.charCodeAt(at),
      text: (start, end) => input.slice(start, end),
    }
  }
  const decoder = new TextDecoder()
  return {
    length: input.length,
    indexOf: (code, from) => input.indexOf(code, from),
    codeAt: (at) => input[at],
    text: (start, end) => decoder.decode(input.subarray(start, end)),
  }
}

export function invalid(reason: string): never {
  throw new GraphDoctorError('ERR_DATA_INVALID', `the permission index is corrupt: ${reason}`)
}

interface Group {
  readonly first: number
  readonly count: number
  readonly start: number
  readonly end: number
}

/** Where the distinct grant lists are (one per line), decoded on first use. */
export interface GrantBlock {
  readonly start: number
  readonly end: number
  readonly count: number
}

/**
 * Template lines of an index. Loading only finds the group lines; a group's text is decoded and split
 * on first use, so a run that looks up one URL decodes one or two groups. A line is `<characters
 * shared with the previous template of the group, base 36> TAB <the rest of the template> TAB <grant
 * list number, base 36>`; the distinct grant lists (`GET=…;POST=…`) are stored once each, in the
 * {@link GrantBlock}, and decoded once however many templates share them. Template id = ordinal.
 */
export class IndexSource implements TemplateSource {
  readonly count: number
  private readonly input: IndexText
  private readonly permissionCount: number
  private readonly byId: Group[] = []
  private readonly records: (TemplateRecord | undefined)[]
  private readonly grantBlock: GrantBlock
  private grantLines: readonly string[] | undefined
  private readonly grantLists: (TemplateRecord['methods'] | undefined)[]

  constructor(input: IndexText, grants: GrantBlock, bodyStart: number, count: number, permissionCount: number) {
    this.input = input
    this.grantBlock = grants
    this.grantLists = new Array<TemplateRecord['methods'] | undefined>(grants.count)
    this.count = count
    this.permissionCount = permissionCount
    this.records = new Array<TemplateRecord | undefined>(count)
    const bodyEnd = this.checkEnd(count)
    let at = bodyStart
    let templates = 0
    while (at < bodyEnd) {
      const group = this.readGroup(at, bodyEnd)
      templates += group.count
      at = group.end + 1
    }
    if (templates !== count || this.byId.length !== count) invalid('truncated or incomplete')
  }

  /** A truncated or spliced file fails here rather than answering wrongly later. */
  private checkEnd(count: number): number {
    const expected = '\n' + END + String(count)
    const from = this.input.length - expected.length
    if (from < 0 || this.input.text(from, this.input.length) !== expected) invalid('truncated or incomplete')
    return from + 1
  }

  private readGroup(at: number, bodyEnd: number): Group {
    const lineEnd = this.input.indexOf(NEWLINE, at)
    if (this.input.codeAt(at) !== GROUP_CODE || lineEnd === -1) invalid('a template outside a group')
    const [, countText = ''] = this.input.text(at + 1, lineEnd).split('\t')
    const count = Number(countText)
    if (!(Number.isSafeInteger(count) && count >= 0)) invalid('a malformed group line')
    let end = bodyEnd
    for (let next = this.input.indexOf(GROUP_CODE, lineEnd); next !== -1 && next < bodyEnd; next = this.input.indexOf(GROUP_CODE, next + 1)) {
      if (this.input.codeAt(next - 1) === NEWLINE) {
        end = next
        break
      }
    }
    const group: Group = { first: this.byId.length, count, start: lineEnd + 1, end: end - 1 }
    for (let i = 0; i < count && this.byId.length < this.count; i++) this.byId.push(group)
    return group
  }

  /** Decode and check every template line (for `data status`; loading checks only the framing). */
  checkAll(): void {
    for (let id = 0; id < this.count; id++) this.record(id)
  }

  record(id: number): TemplateRecord {
    const record = this.records[id]
    if (record !== undefined) return record
    const group = this.byId[id]
    if (group === undefined) return { template: '', methods: {} }
    this.decodeGroup(group)
    return this.records[id] as TemplateRecord
  }

  private decodeGroup(group: Group): void {
    const lines = this.input.text(group.start, group.end).split('\n')
    if (lines.length !== group.count) invalid('a group with a wrong template count')
    let previous = ''
    for (let index = 0; index < lines.length; index++) {
      const line = lines[index] as string
      const first = line.indexOf('\t')
      const last = line.lastIndexOf('\t')
      const shared = parseInt(line.slice(0, first), 36)
      if (first < 1 || last === first || !(shared >= 0 && shared <= previous.length)) invalid('a malformed template line')
      const template = previous.slice(0, shared) + line.slice(first + 1, last)
      this.records[group.first + index] = { template, methods: this.grantList(parseInt(line.slice(last + 1), 36)) }
      previous = template
    }
  }

  /** Grant list `number`, decoded once however many templates share it. */
  private grantList(number: number): TemplateRecord['methods'] {
    let methods = this.grantLists[number]
    if (methods !== undefined) return methods
    const block = this.grantBlock
    if (this.grantLines === undefined) {
      this.grantLines = block.count === 0 ? [] : this.input.text(block.start, block.end).split('\n')
      if (this.grantLines.length !== block.count) invalid('a grant block with a wrong count')
    }
    const line = this.grantLines[number]
    if (line === undefined) invalid('an unknown grant list')
    methods = this.decodeGrants(line)
    this.grantLists[number] = methods
    return methods
  }

  private decodeGrants(packed: string): TemplateRecord['methods'] {
    const methods: Record<string, number[]> = {}
    if (packed === '') return methods
    for (const part of packed.split(';')) {
      const equals = part.indexOf('=')
      const grants = part.slice(equals + 1).split(',').map(Number)
      if (equals < 1 || grants.length % GRANT_STRIDE !== 0) invalid('a malformed grant list')
      for (let at = 0; at < grants.length; at += GRANT_STRIDE) {
        const permission = grants[at] ?? -1
        if (!(permission >= 0 && permission < this.permissionCount)) invalid('a grant of an unknown permission')
      }
      methods[part.slice(0, equals)] = grants
    }
    return methods
  }
}

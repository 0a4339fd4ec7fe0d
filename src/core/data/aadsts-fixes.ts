/** Every one-line fix, by code: the union of the themed fix modules. */
import { conditionalAccessFixes, userInteractionFixes } from './aadsts-fixes-sign-in.js'

/** Our one-line fix for each code. */
export const aadstsFixes: ReadonlyMap<number, string> = new Map(
  [conditionalAccessFixes, userInteractionFixes].flatMap((fixes) =>
    Object.entries(fixes).map(([code, fix]): [number, string] => [Number(code), fix]),
  ),
)

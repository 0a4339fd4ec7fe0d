// Injected into the CommonJS bundles of the CLI (scripts/bundle-cli.mjs): what `import.meta` is in the
// ES module sources. `url` is made on first use: `pathToFileURL` (a path resolved, a URL built) cost
// every run at its first line, and a diagnose from the snapshot or the cache never reads it.
// `dirname` is the file's folder, as Node 20.11+ gives an ES module.
let url
export const import_meta = {
  get url() {
    url ??= require('node:url').pathToFileURL(__filename).href
    return url
  },
  dirname: __dirname,
}

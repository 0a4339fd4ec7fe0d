// Injected into the CommonJS bundles of the CLI (scripts/bundle-cli.mjs): what `import.meta.url` is in
// the ES module sources. node:url is loaded by Node's own start-up already.
export const import_meta_url = require('node:url').pathToFileURL(__filename).href

/** The renderers of a logs report: text, json, markdown, csv and html (the web page reuses html and svg). */
export { renderLogReportCsv, csvCell } from './csv.js'
export { renderLogReportHtml } from './html.js'
export { renderLogReportJson } from './json.js'
export { renderLogReportMarkdown } from './markdown.js'
export { barChart, escapeHtml, type Bar } from './svg.js'
export { renderLogReportText, type LogTextOptions } from './text.js'

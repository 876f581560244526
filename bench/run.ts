/**
 * Measures each figure with its ceiling in the same run, prints the table and appends it to bench/RESULTS.md.
 * From the repository root: `npm run bench`, or with flags `npm run bench -- -- --only http --quick`
 * (npm itself takes a lone `--only`); from bench/: `npm run bench -- --only import`.
 */
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { BILLING_PLAN, BILLING_QUICK_PLAN, billingFigures } from './billing'
import { DISCLOSURE_PLAN, DISCLOSURE_QUICK_PLAN, disclosureFigures } from './disclosure'
import { ballotFigures, GOVERNANCE_PLAN, GOVERNANCE_QUICK_PLAN, tallyFigures } from './governance'
import { HTTP_PLAN, HTTP_QUICK_PLAN, httpFigures } from './http'
import { IMPORT_PLAN, IMPORT_QUICK_PLAN, importFigures } from './import'
import { ENGINES, postgresAdminUrl, withScratch } from './lib/databases'
import { describeMachine, loadAverage, machineLine } from './lib/machine'
import { appendResults } from './lib/results'
import { markdownTable, type ResultRow } from './lib/table'
import { TICKETS_PLAN, TICKETS_QUICK_PLAN, ticketDeskFigures, ticketReportFigures } from './tickets'

const { values: argv } = parseArgs({ options: { only: { type: 'string' }, quick: { type: 'boolean' } } })
// `npm run bench -- --quick` from the root reaches us as npm_config_quick (the inner npm reads the flag).
const values = { only: argv.only, quick: argv.quick ?? process.env.npm_config_quick === 'true' }
const PARTS = ['http', 'import', 'governance', 'tickets', 'billing', 'disclosure'] as const
if (values.only !== undefined && !(PARTS as readonly string[]).includes(values.only)) {
  throw new Error(`--only takes ${PARTS.join(', ')}`)
}
const wants = (part: (typeof PARTS)[number]) => values.only === undefined || values.only === part

const machine = await describeMachine(postgresAdminUrl())
console.log(machineLine(machine))
const rows: ResultRow[] = []
if (wants('http')) {
  const plan = values.quick ? HTTP_QUICK_PLAN : HTTP_PLAN
  for (const kind of ENGINES) rows.push(...(await withScratch(kind, (scratch) => httpFigures(scratch, plan))))
}
if (wants('import')) rows.push(...(await importFigures(values.quick ? IMPORT_QUICK_PLAN : IMPORT_PLAN)))
if (wants('governance')) {
  const plan = values.quick ? GOVERNANCE_QUICK_PLAN : GOVERNANCE_PLAN
  rows.push(...tallyFigures(plan))
  rows.push(...(await withScratch('postgres', (scratch) => ballotFigures(scratch, plan))))
}
if (wants('tickets')) {
  const plan = values.quick ? TICKETS_QUICK_PLAN : TICKETS_PLAN
  rows.push(...(await withScratch('postgres', (scratch) => ticketDeskFigures(scratch, plan))))
  rows.push(...(await withScratch('postgres', (scratch) => ticketReportFigures(scratch, plan))))
}
if (wants('billing')) rows.push(...(await billingFigures(values.quick ? BILLING_QUICK_PLAN : BILLING_PLAN)))
if (wants('disclosure')) {
  const plan = values.quick ? DISCLOSURE_QUICK_PLAN : DISCLOSURE_PLAN
  for (const kind of ENGINES)
    rows.push(...(await withScratch(kind, (scratch) => disclosureFigures(scratch, plan))))
}
const table = markdownTable(rows)
console.log(`\n${table}\n`)
const flags = [values.only ? `--only ${values.only}` : '', values.quick ? '--quick' : '']
  .filter(Boolean)
  .join(' ')
appendResults(fileURLToPath(new URL('RESULTS.md', import.meta.url)), machine, flags, table, loadAverage())

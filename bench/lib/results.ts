import { appendFileSync, existsSync, writeFileSync } from 'node:fs'
import { type Machine, machineLine } from './machine'

const HEADER = `# Meihao benchmarks

\`npm run bench\` (from the repository root) measures each figure next to a ceiling measured **in the same run,
on the same machine**, and appends one section per run below. Flags: \`--only http|import\` and \`--quick\`
(short smoke run; its numbers are not comparable) — from the root pass them after two \`--\`
(\`npm run bench -- -- --only http\`), because npm itself takes a lone \`--only\`. Servers and import
jobs run in their own Node processes, so the load generator (autocannon, in the parent process) does not
share their event loop — but all of it, PostgreSQL included, shares the machine's cores.

## Figures and ceilings

- **GET /api/v1/units/:id · req/s, p50, p99** — the real server (\`createHttpServer\`, all routes, session
  cookie through the authenticator and its 5 s cache, RLS transaction, zod validation and response contract,
  \`LOG_LEVEL=silent\`) on a pool of 10, loaded by 50 autocannon connections (closed loop) over 3,000 seeded
  units with one owner each: 3 s warm-up, then 10 s in 4 runs that alternate with the ceiling's runs, so
  that other work on the machine weighs on both alike. **Ceiling:** a bare Fastify route
  (\`bench/servers/bare-server.ts\`) that runs the unit-detail query's main SELECT by (tenant_id, id) on a pg
  pool of the same size — no auth, no RLS, no transaction, no validation, and not the detail's two
  owner/occupant queries. **Target on PostgreSQL:** ≥ 50% of the ceiling's req/s and p99 < 20 ms. With
  50 closed-loop connections the mean latency is 50 ÷ req/s (Little's law), so p99 < 20 ms needs well over
  2,500 req/s. PGlite (one connection, inside the server process; the bare route gets a copy of the data
  directory) is reported for information.
- **Import of 100,000 units · rows/s** — the estate import service \`importUnits\` (called directly as the
  system caller, not over HTTP) reading a generated .xlsx (exceljs streaming writer) into one community whose
  buildings exist. **Ceiling:** the same rows written by the schema owner with
  \`INSERT … SELECT * FROM unnest(…)\`, 5,000 rows per statement, same columns, in one transaction like the
  import, rows built before the clock starts. **Target:** ≥ 30% of the ceiling for the units-only sheet. The
  same sheet with one owner (name + mobile) per unit, against a ceiling that also writes the parties and
  ownerships, is reported for information. **Peak RSS** is the job process's maximum resident set (a fresh
  process per job; "before import" is its RSS with the database open).

Ratios are figure ÷ ceiling for throughput and figure ÷ ceiling (×) for latency.
`

/** Appends one run's table to RESULTS.md, writing the explanatory header the first time. */
export function appendResults(
  file: string,
  machine: Machine,
  flags: string,
  table: string,
  loadAtEnd: string,
): void {
  if (!existsSync(file)) writeFileSync(file, HEADER)
  const title = `\n## Run ${machine.date}${flags ? ` (${flags})` : ''}\n\n`
  const load = `1-minute load average: ${machine.loadAtStart} at start, ${loadAtEnd} at end (${machine.cores} cores).`
  appendFileSync(file, `${title}${machineLine(machine)}\n${load}\n\n${table}\n`)
}

import { readFileSync } from 'node:fs'
import type { Command } from 'commander'
import { formatTopicResult, TallyInputError, tally } from '../modules/governance/tally'
import { parseTallyFile } from '../modules/governance/tally-file'
import { hundredthsToArea } from '../platform/area'

export interface TallyCommandOptions {
  followMajority?: boolean
}

export interface TallyRun {
  exitCode: 0 | 1
  stdout: string
  stderr: string
}

const failed = (file: string, english: string, chinese: string): TallyRun => ({
  exitCode: 1,
  stdout: '',
  stderr: `${file}: ${english} — ${chinese}\n`,
})

const reasonOf = (error: unknown) => (error instanceof Error ? error.message : String(error))

/**
 * The whole command as a function of the file: reads, validates, tallies and renders, returning what to print
 * and the exit code. No database and no config, so anyone holding an export can re-tally it offline.
 */
export function runTally(file: string, options: TallyCommandOptions = {}): TallyRun {
  let text: string
  try {
    text = readFileSync(file, 'utf8')
  } catch (error) {
    return failed(file, `cannot read the file (${reasonOf(error)})`, '无法读取文件')
  }
  let json: unknown
  try {
    // A byte-order mark (files saved on Windows) is not part of the JSON.
    json = JSON.parse(text.replace(/^\uFEFF/, ''))
  } catch (error) {
    return failed(file, `not valid JSON (${reasonOf(error)})`, '不是有效的 JSON')
  }
  try {
    const input = parseTallyFile(json)
    const result = tally(input.units, input.topics, input.ballots, { followMajority: options.followMajority })
    const report = {
      topics: result.topics.map(formatTopicResult),
      voters: result.roll.voters.length,
      totalHeads: result.roll.totalHeads,
      totalArea: hundredthsToArea(result.roll.totalAreaHundredths),
    }
    return { exitCode: 0, stdout: `${JSON.stringify(report, null, 2)}\n`, stderr: '' }
  } catch (error) {
    if (!(error instanceof TallyInputError)) throw error
    return { exitCode: 1, stdout: '', stderr: `${file}: ${error.message}\n` }
  }
}

/** `meihao tally FILE.json`: re-tally an owners' vote (民法典 278) from its exported data. */
export function registerTallyCommand(program: Command) {
  program
    .command('tally')
    .description(
      "Re-tally an owners' vote (民法典 278) offline from a JSON file of units, topics and ballots",
    )
    .argument('<file>', 'JSON file: { units: [...], topics: [...], ballots: [...] }')
    .option(
      '--follow-majority',
      'also show the 从众 variant (non-voters follow the majority); the strict result is always shown',
    )
    .action((file: string, options: TallyCommandOptions) => {
      const run = runTally(file, options)
      process.stdout.write(run.stdout)
      process.stderr.write(run.stderr)
      if (run.exitCode !== 0) process.exitCode = run.exitCode
    })
}

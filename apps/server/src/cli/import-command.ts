import { basename } from 'node:path'
import { ImportResult, type ImportResult as ImportResultType } from '@meihao/contracts'
import cliProgress from 'cli-progress'
import type { Command } from 'commander'
import { createDeps, openAndMigrate } from '../app'
import { communityIdByCode, importUnits } from '../modules/estate/import/import-service'
import { countDataRows } from '../modules/estate/import/sheet-reader'
import { withoutTenant } from '../platform/db/tenancy'
import { AppError } from '../platform/errors'
import { type Language, pickLanguage, translate } from '../platform/i18n/catalog'
import { configOrExit } from './config'

const ERRORS_SHOWN = 50

interface ImportOptions {
  community: string
  tenant: string
  dryRun?: boolean
}

export async function tenantIdByCode(db: Parameters<typeof withoutTenant>[0], code: string): Promise<string> {
  const found = await withoutTenant<{ tenants: { id: string; code: string } }, { id: string } | undefined>(
    db,
    (tx) => tx.selectFrom('tenants').select('id').where('code', '=', code).executeTakeFirst(),
  )
  if (!found) throw new AppError(404, 'ESTATE_IMPORT_TENANT_NOT_FOUND', { code })
  return found.id
}

function printResult(result: ImportResultType, lang: Language) {
  const counts = { ...result, errors: result.errors.length }
  const summary = result.dryRun
    ? 'ESTATE_IMPORT_SUMMARY_DRY_RUN'
    : result.errors.length > 0
      ? 'ESTATE_IMPORT_SUMMARY_REJECTED'
      : 'ESTATE_IMPORT_SUMMARY_DONE'
  console.log(translate(lang, summary, counts))
  for (const error of result.errors.slice(0, ERRORS_SHOWN))
    console.log(translate(lang, 'ESTATE_IMPORT_ERROR_LINE', error))
  if (result.errors.length > ERRORS_SHOWN) {
    console.log(translate(lang, 'ESTATE_IMPORT_MORE_ERRORS', { count: result.errors.length - ERRORS_SHOWN }))
  }
}

/** `meihao import`: the same import as the API, run as the system (audited as such), with a progress bar. */
export function registerImportCommand(program: Command) {
  program
    .command('import')
    .description('Import units and owners of one community from an .xlsx or CSV file (all rows or none)')
    .requiredOption('--community <code>', 'community code')
    .requiredOption('--tenant <tenantCode>', 'company (tenant) code')
    .option('--dry-run', 'check every row and report the counts; change nothing')
    .argument('<file>', '.xlsx or CSV file with the import headers (see the template)')
    .action(async (file: string, options: ImportOptions) => {
      const lang = pickLanguage(process.env.LC_ALL ?? process.env.LANG)
      const config = configOrExit()
      const db = await openAndMigrate(config)
      const bar = new cliProgress.SingleBar(
        { format: `${translate(lang, 'ESTATE_IMPORT_PROGRESS')} [{bar}] {percentage}% | {value}/{total}` },
        cliProgress.Presets.shades_classic,
      )
      try {
        const deps = createDeps(config, db)
        const tenantId = await tenantIdByCode(db, options.tenant)
        const communityId = await communityIdByCode(deps, tenantId, options.community)
        bar.start(await countDataRows(file), 0)
        const result = await importUnits(
          deps,
          { kind: 'system', tenantId, lang },
          {
            communityId,
            dryRun: options.dryRun === true,
            path: file,
            fileName: basename(file),
            onProgress: (rows) => bar.update(rows),
          },
        ).catch((error: unknown) => {
          // A refused commit carries the full result, errors included.
          const refused = error instanceof AppError ? ImportResult.safeParse(error.details) : null
          if (refused?.success) return refused.data
          throw error
        })
        bar.stop()
        printResult(result, lang)
        if (result.errors.length > 0) process.exitCode = 1
      } catch (error) {
        bar.stop()
        if (!(error instanceof AppError)) throw error
        console.error(translate(lang, error.code, error.params))
        process.exitCode = 1
      } finally {
        await db.close()
      }
    })
}

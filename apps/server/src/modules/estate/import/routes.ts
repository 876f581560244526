import { PassThrough } from 'node:stream'
import { IdParams, ImportResult } from '@meihao/contracts'
import type { Transaction } from 'kysely'
import { z } from 'zod'
import type { Deps } from '../../../platform/deps'
import { inTenant, type RequestContext } from '../../../platform/http/context'
import { defineRoute, type RouteSpec } from '../../../platform/http/route'
import { requireCommunity } from '../communities-service'
import type { EstateTables } from '../tables'
import { XLSX_MIME } from './columns'
import { writeUnitsWorkbook } from './export-service'
import { importUnits } from './import-service'
import { importTemplate } from './template'
import { receiveUpload } from './upload'

const ImportQuery = z.object({
  dryRun: z
    .enum(['true', 'false'])
    .default('true')
    .transform((v) => v === 'true')
    .describe('true: check every row and count, change nothing; false: import all rows or none'),
})

/** A download name: ASCII for old clients, the Chinese one (RFC 5987) for the rest. */
const attachment = (ascii: string, utf8: string) =>
  `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(utf8)}`

const communityFor = (ctx: RequestContext, id: string, permission: 'estate.import' | 'estate.export') =>
  inTenant(ctx, (tx: Transaction<EstateTables>, tenantId) =>
    requireCommunity(tx, ctx, tenantId, id, permission),
  )

/** Excel/CSV import of units and owners, its template, and the .xlsx export of one community. */
export function estateImportRoutes(deps: Deps): RouteSpec[] {
  const tags = ['estate']
  return [
    defineRoute({
      method: 'POST',
      url: '/api/v1/communities/:id/import',
      permission: 'estate.import',
      summary: 'Import units and owners from .xlsx or CSV (multipart field "file"); dryRun=true only checks',
      tags,
      params: IdParams,
      query: ImportQuery,
      response: ImportResult,
      raw: true,
      handler: async ({ ctx, params, query, req, reply }) => {
        // Check the community before taking a 64 MB upload for it.
        await communityFor(ctx, params.id, 'estate.import')
        const upload = await receiveUpload(req)
        try {
          const result = await importUnits(
            deps,
            { kind: 'user', ctx },
            { communityId: params.id, dryRun: query.dryRun, path: upload.path, fileName: upload.fileName },
          )
          reply.send(ImportResult.parse(result))
        } finally {
          await upload.remove()
        }
        return undefined
      },
    }),
    defineRoute({
      method: 'GET',
      url: '/api/v1/communities/:id/import-template.xlsx',
      permission: 'estate.import',
      summary: 'The import template (.xlsx) with the import columns and a sheet explaining them',
      tags,
      params: IdParams,
      raw: true,
      handler: async ({ ctx, params, reply }) => {
        const community = await communityFor(ctx, params.id, 'estate.import')
        reply
          .header('content-type', XLSX_MIME)
          .header(
            'content-disposition',
            attachment(`${community.code}-import-template.xlsx`, `${community.code}-房屋导入模板.xlsx`),
          )
          .send(await importTemplate())
        return undefined
      },
    }),
    defineRoute({
      method: 'GET',
      url: '/api/v1/communities/:id/export.xlsx',
      permission: 'estate.export',
      summary: 'Units and current owners (phones and ID numbers masked) as .xlsx in the import format',
      tags,
      params: IdParams,
      raw: true,
      handler: async ({ ctx, params, reply }) => {
        const community = await communityFor(ctx, params.id, 'estate.export')
        const body = new PassThrough()
        reply
          .header('content-type', XLSX_MIME)
          .header(
            'content-disposition',
            attachment(`${community.code}-units.xlsx`, `${community.code}-房屋.xlsx`),
          )
          .send(body)
        // The status line is sent: a failure now can only cut the download short.
        await writeUnitsWorkbook(ctx, community.id, body).catch((error: unknown) =>
          body.destroy(error as Error),
        )
        return undefined
      },
    }),
  ]
}

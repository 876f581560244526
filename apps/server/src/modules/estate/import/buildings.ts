import type { Transaction } from 'kysely'
import { uuidv7 } from '../../../platform/ids'
import type { EstateTables } from '../tables'
import { defaultBuildingName } from './columns'
import type { CellError, ImportRow } from './row-rules'

type Tx = Transaction<EstateTables>

/**
 * The community's buildings by code for the length of one import (a community has tens to hundreds):
 * rows find their building here, and buildings the sheet names that do not exist yet are created once.
 */
export class BuildingDirectory {
  private readonly byCode = new Map<string, { id: string; name: string }>()
  private readonly codeById = new Map<string, string>()
  private unsaved: Array<{ id: string; code: string; name: string }> = []

  static async load(tx: Tx, tenantId: string, communityId: string) {
    const directory = new BuildingDirectory()
    const rows = await tx
      .selectFrom('buildings')
      .select(['id', 'code', 'name'])
      .where('tenant_id', '=', tenantId)
      .where('community_id', '=', communityId)
      .execute()
    for (const b of rows) directory.remember(b)
    return directory
  }

  private remember(b: { id: string; code: string; name: string }) {
    this.byCode.set(b.code, { id: b.id, name: b.name })
    this.codeById.set(b.id, b.code)
  }

  /** The building a row belongs to (registered for creation when new), or why the row may not use it. */
  place(row: ImportRow): { id: string } | CellError {
    const known = this.byCode.get(row.buildingCode)
    if (known) {
      if (row.buildingName !== null && row.buildingName !== known.name) {
        return {
          column: 'buildingName',
          code: 'ESTATE_IMPORT_BUILDING_NAME_CONFLICT',
          params: { code: row.buildingCode, name: known.name },
        }
      }
      return { id: known.id }
    }
    const created = {
      id: uuidv7(),
      code: row.buildingCode,
      name: row.buildingName ?? defaultBuildingName(row.buildingCode),
    }
    this.remember(created)
    this.unsaved.push(created)
    return { id: created.id }
  }

  codeOf(buildingId: string) {
    return this.codeById.get(buildingId) ?? buildingId
  }

  /** Inserts the buildings placed since the last call; returns how many. */
  async saveNew(tx: Tx, tenantId: string, communityId: string): Promise<number> {
    const batch = this.unsaved
    if (batch.length === 0) return 0
    this.unsaved = []
    await tx
      .insertInto('buildings')
      .values(
        batch.map((b) => ({
          tenant_id: tenantId,
          id: b.id,
          community_id: communityId,
          code: b.code,
          name: b.name,
          floors: null,
        })),
      )
      .execute()
    return batch.length
  }
}

import type { Building, Community, ImportResult, Page, Unit, UnitDetail } from '@meihao/contracts'
import { api } from './client'

export type Ownership = UnitDetail['ownerships'][number]
export type Occupancy = UnitDetail['occupancies'][number]
export type ImportRowError = ImportResult['errors'][number]
export type RevealField = 'phone' | 'idNumber'

export const UNIT_PAGE_SIZE = 50

export const listCommunities = (cursor?: string | null, limit = 100) =>
  api.get<Page<Community>>('/api/v1/communities', { cursor, limit })

/** Every community the caller may see, following the cursor (for pickers). */
export async function listAllCommunities(): Promise<Community[]> {
  const all: Community[] = []
  let cursor: string | null = null
  for (let pages = 0; pages < 50; pages++) {
    const page: Page<Community> = await listCommunities(cursor, 200)
    all.push(...page.items)
    cursor = page.nextCursor
    if (!cursor) break
  }
  return all
}

let sharedCommunities: { at: number; promise: Promise<Community[]> } | null = null

/** listAllCommunities shared by the pickers on one screen for a minute. */
export function cachedCommunities(): Promise<Community[]> {
  const now = Date.now()
  if (!sharedCommunities || now - sharedCommunities.at > 60_000) {
    const promise = listAllCommunities()
    promise.catch(() => {
      if (sharedCommunities?.promise === promise) sharedCommunities = null
    })
    sharedCommunities = { at: now, promise }
  }
  return sharedCommunities.promise
}

export const listBuildings = (communityId: string) =>
  api.get<Building[]>(`/api/v1/communities/${encodeURIComponent(communityId)}/buildings`)

export interface UnitQuery {
  communityId?: string
  buildingId?: string
  q?: string
  cursor?: string | null
  limit?: number
}
export const listUnits = (query: UnitQuery) =>
  api.get<Page<Unit>>('/api/v1/units', { limit: UNIT_PAGE_SIZE, ...query })

export const getUnit = (id: string) => api.get<UnitDetail>(`/api/v1/units/${encodeURIComponent(id)}`)

export const revealParty = (partyId: string, field: RevealField) =>
  api.post<{ value: string | null }>(`/api/v1/parties/${encodeURIComponent(partyId)}/reveal`, { field })

const communityPath = (communityId: string) => `/api/v1/communities/${encodeURIComponent(communityId)}`

export const importUrl = (communityId: string) => `${communityPath(communityId)}/import`
export const importTemplateUrl = (communityId: string) => `${communityPath(communityId)}/import-template.xlsx`
export const exportUrl = (communityId: string) => `${communityPath(communityId)}/export.xlsx`

export const importUnits = (communityId: string, file: File, dryRun: boolean) =>
  api.upload<ImportResult>(importUrl(communityId), file, file.name, { dryRun })

import { createHash } from 'node:crypto'
import { createReadStream } from 'node:fs'
import { mkdir, rename, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { Readable } from 'node:stream'
import type { Transaction } from 'kysely'
import { AppError } from './errors'

interface FileTables {
  stored_files: {
    tenant_id: string
    sha256: string
    file_name: string
    content_type: string
    size_bytes: number
  }
}

export const MAX_FILE_BYTES = 5 * 1024 * 1024
const ALLOWED_TYPES: Record<string, (b: Buffer) => boolean> = {
  'image/jpeg': (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff,
  'image/png': (b) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])),
  'application/pdf': (b) => b.subarray(0, 5).toString('latin1') === '%PDF-',
}

export interface UploadedFile {
  fileName: string
  contentType: string
  dataBase64: string
}

export interface SavedFile {
  sha256: string
  fileName: string
  contentType: string
  sizeBytes: number
}

/**
 * Where uploaded files live, addressed by tenant and content hash: the same scan stored twice is one
 * file. Modules reach it through `deps.files`; local disk is the default, and an object store (OSS, S3)
 * is another implementation of these two calls.
 */
export interface FileStore {
  /** Stores the bytes; storing the same hash again is harmless. */
  put(tenantId: string, sha256: string, bytes: Buffer): Promise<void>
  /** The stored bytes, streamed. */
  read(tenantId: string, sha256: string): Readable
}

/** `<dataDir>/files/<tenant>/<sha256>`, written to a temporary name and renamed, so no reader sees half a file. */
export function localDiskStore(dataDir: string): FileStore {
  const dirOf = (tenantId: string) => join(dataDir, 'files', tenantId)
  return {
    async put(tenantId, sha256, bytes) {
      const dir = dirOf(tenantId)
      await mkdir(dir, { recursive: true })
      const temp = join(dir, `${sha256}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`)
      await writeFile(temp, bytes)
      await rename(temp, join(dir, sha256))
    },
    read: (tenantId, sha256) => createReadStream(join(dirOf(tenantId), sha256)),
  }
}

/**
 * Checks an upload (size, and that the bytes are what the type claims) and stores it. Touches no
 * database: callers record the file with `recordStoredFile` in their transaction, where their own lock
 * order allows it.
 */
export async function saveFile(store: FileStore, tenantId: string, file: UploadedFile): Promise<SavedFile> {
  const bytes = Buffer.from(file.dataBase64, 'base64')
  if (bytes.length === 0 || bytes.length > MAX_FILE_BYTES)
    throw new AppError(422, 'COMMON_FILE_TOO_LARGE', { maxBytes: MAX_FILE_BYTES })
  const matches = ALLOWED_TYPES[file.contentType]
  if (!matches?.(bytes))
    throw new AppError(422, 'COMMON_FILE_TYPE_MISMATCH', { contentType: file.contentType })
  const sha256 = createHash('sha256').update(bytes).digest('hex')
  await store.put(tenantId, sha256, bytes)
  return { sha256, fileName: file.fileName, contentType: file.contentType, sizeBytes: bytes.length }
}

export async function recordStoredFile<T>(
  tx: Transaction<T>,
  tenantId: string,
  file: SavedFile,
): Promise<void> {
  await (tx as unknown as Transaction<FileTables>)
    .insertInto('stored_files')
    .values({
      tenant_id: tenantId,
      sha256: file.sha256,
      file_name: file.fileName,
      content_type: file.contentType,
      size_bytes: file.sizeBytes,
    })
    .onConflict((c) => c.columns(['tenant_id', 'sha256']).doNothing())
    .execute()
}

import { createWriteStream } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pipeline } from 'node:stream/promises'
import type { FastifyRequest } from 'fastify'
import { AppError } from '../../../platform/errors'

const MAX_IMPORT_BYTES = 64 * 1024 * 1024

export interface Upload {
  path: string
  fileName: string
  remove(): Promise<void>
}

/**
 * Streams the multipart field `file` to a private temp file (never into memory), refusing more than
 * MAX_IMPORT_BYTES. The caller removes it when done.
 */
export async function receiveUpload(req: FastifyRequest): Promise<Upload> {
  const part = await req.file({ limits: { fileSize: MAX_IMPORT_BYTES } })
  if (part?.fieldname !== 'file') throw new AppError(400, 'ESTATE_IMPORT_FILE_MISSING')
  const dir = await mkdtemp(join(tmpdir(), 'meihao-import-'))
  const remove = () => rm(dir, { recursive: true, force: true })
  const path = join(dir, 'upload')
  try {
    await pipeline(part.file, createWriteStream(path, { mode: 0o600 }))
    if (part.file.truncated) throw new AppError(413, 'COMMON_PAYLOAD_TOO_LARGE')
  } catch (error) {
    await remove()
    throw error
  }
  return { path, fileName: part.filename, remove }
}

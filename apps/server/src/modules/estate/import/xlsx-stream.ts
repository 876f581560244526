import { createReadStream } from 'node:fs'
import type { FileHandle } from 'node:fs/promises'
import { open } from 'node:fs/promises'
import { PassThrough, Readable, Writable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { crc32, createInflateRaw } from 'node:zlib'

/**
 * Feeds exceljs's streaming reader an .xlsx with its parts in the order the reader needs.
 *
 * exceljs 4.4's WorkbookReader reads zip entries in file order, and its zip parser (unzipper 0.10) reports the
 * end of the zip as soon as the INPUT has been read, while entries may still be queued: those entries are then
 * silently dropped. Which ones depends on timing, so the same file sometimes loses xl/workbook.xml, the styles
 * (date cells then read as numbers) or the shared strings (texts read as blanks). So we read the zip's central
 * directory ourselves and hand the reader a stream of just the parts it uses, metadata first and worksheets
 * last, each with its sizes in its local header, and we never end that stream: the parser ends it at the
 * end-of-directory record, after every entry has been handed over. The compressed bytes are copied, not
 * inflated, and only one chunk is in memory at a time. Each part is first checked against its CRC-32: exceljs
 * waits forever on a worksheet whose compressed data is corrupt, so corrupt files must not reach it.
 */
export async function orderedXlsx(path: string): Promise<Readable> {
  const parts: Part[] = []
  const file = await open(path)
  try {
    for (const entry of readerParts(await centralDirectory(file))) {
      const part = { ...entry, dataStart: await dataOffset(file, entry) }
      await verify(path, part)
      parts.push(part)
    }
  } finally {
    await file.close()
  }
  const input = new PassThrough()
  const source = Readable.from(partBytes(path, parts))
  // A read error ends the input early, so the zip parser fails ("FILE_ENDED") instead of waiting for more.
  source.on('error', () => input.end())
  input.on('close', () => source.destroy())
  source.pipe(input, { end: false })
  return input
}

interface ZipEntry {
  name: string
  method: number
  crc32: number
  compressedSize: number
  uncompressedSize: number
  localHeaderOffset: number
}

/** An entry and where its compressed bytes start in the file. */
interface Part extends ZipEntry {
  dataStart: number
}

const bytesOf = (path: string, part: Part) =>
  createReadStream(path, { start: part.dataStart, end: part.dataStart + part.compressedSize - 1 })

const SIGNATURE = { local: 0x04034b50, central: 0x02014b50, end: 0x06054b50 }
const ZIP64 = 0xffffffff

/** The parts the reader uses, in the order it needs them; other parts (themes, drawings…) are left out. */
const PART_ORDER = ['xl/_rels/workbook.xml.rels', 'xl/workbook.xml', 'xl/styles.xml', 'xl/sharedStrings.xml']
const WORKSHEET = /^xl\/worksheets\/sheet(\d+)\.xml$/

function partRank(name: string): number | null {
  const fixed = PART_ORDER.indexOf(name)
  if (fixed >= 0) return fixed
  const sheet = WORKSHEET.exec(name)
  return sheet ? PART_ORDER.length + Number.parseInt(sheet[1]!, 10) : null
}

const readerParts = (entries: ZipEntry[]) =>
  entries
    .map((entry) => ({ entry, rank: partRank(entry.name) }))
    .filter((p): p is { entry: ZipEntry; rank: number } => p.rank !== null)
    .sort((a, b) => a.rank - b.rank)
    .map((p) => p.entry)

/** Each part as a local header and exactly the compressed bytes it announces, then an empty directory. */
async function* partBytes(path: string, parts: Part[]): AsyncGenerator<Buffer> {
  for (const part of parts) {
    yield localHeader(part)
    if (part.compressedSize === 0) continue
    let copied = 0
    for await (const chunk of bytesOf(path, part)) {
      copied += (chunk as Buffer).length
      yield chunk as Buffer
    }
    if (copied !== part.compressedSize) throw new Error('zip: entry shorter than its directory record')
  }
  // An end-of-directory record with no directory: the parser stops here.
  const end = Buffer.alloc(22)
  end.writeUInt32LE(SIGNATURE.end, 0)
  yield end
}

async function readAt(file: FileHandle, position: number, length: number): Promise<Buffer> {
  const buffer = Buffer.alloc(length)
  const { bytesRead } = await file.read(buffer, 0, length, position)
  if (bytesRead !== length) throw new Error('zip: unexpected end of file')
  return buffer
}

async function centralDirectory(file: FileHandle): Promise<ZipEntry[]> {
  const size = (await file.stat()).size
  const tailLength = Math.min(size, 22 + 0xffff)
  const tail = await readAt(file, size - tailLength, tailLength)
  const signature = Buffer.alloc(4)
  signature.writeUInt32LE(SIGNATURE.end, 0)
  const at = tail.lastIndexOf(signature)
  if (at < 0 || at + 22 > tail.length) throw new Error('zip: no end-of-directory record')
  const count = tail.readUInt16LE(at + 10)
  const directorySize = tail.readUInt32LE(at + 12)
  const directoryOffset = tail.readUInt32LE(at + 16)
  if (directoryOffset === ZIP64 || count === 0xffff) throw new Error('zip: zip64 is not supported')
  const directory = await readAt(file, directoryOffset, directorySize)
  const entries: ZipEntry[] = []
  let p = 0
  for (let i = 0; i < count; i++) {
    if (directory.readUInt32LE(p) !== SIGNATURE.central) throw new Error('zip: bad central directory')
    const nameLength = directory.readUInt16LE(p + 28)
    const entry = {
      method: directory.readUInt16LE(p + 10),
      crc32: directory.readUInt32LE(p + 16),
      compressedSize: directory.readUInt32LE(p + 20),
      uncompressedSize: directory.readUInt32LE(p + 24),
      localHeaderOffset: directory.readUInt32LE(p + 42),
      name: directory.toString('utf8', p + 46, p + 46 + nameLength),
    }
    if (entry.compressedSize === ZIP64 || entry.uncompressedSize === ZIP64)
      throw new Error('zip: zip64 is not supported')
    entries.push(entry)
    p += 46 + nameLength + directory.readUInt16LE(p + 30) + directory.readUInt16LE(p + 32)
  }
  return entries
}

/** Where an entry's compressed bytes start: after its local header, whose name and extra field lengths vary. */
async function dataOffset(file: FileHandle, entry: ZipEntry): Promise<number> {
  const header = await readAt(file, entry.localHeaderOffset, 30)
  if (header.readUInt32LE(0) !== SIGNATURE.local) throw new Error('zip: bad local header')
  return entry.localHeaderOffset + 30 + header.readUInt16LE(26) + header.readUInt16LE(28)
}

/** Inflates a part (streaming, nothing kept) and compares its size and CRC-32 with the directory's. */
async function verify(path: string, part: Part) {
  if (part.method !== 0 && part.method !== 8) throw new Error('zip: unsupported compression')
  let size = 0
  let crc = 0
  const check = new Writable({
    write(chunk: Buffer, _encoding, done) {
      size += chunk.length
      crc = crc32(chunk, crc)
      done()
    },
  })
  if (part.compressedSize > 0) {
    const bytes = bytesOf(path, part)
    await (part.method === 8 ? pipeline(bytes, createInflateRaw(), check) : pipeline(bytes, check))
  }
  if (size !== part.uncompressedSize || crc >>> 0 !== part.crc32)
    throw new Error(`zip: ${part.name} is corrupt`)
}

/** A local header that states the sizes (no trailing data descriptor to search for), UTF-8 name, no extra field. */
function localHeader(entry: ZipEntry): Buffer {
  const name = Buffer.from(entry.name, 'utf8')
  const header = Buffer.alloc(30)
  header.writeUInt32LE(SIGNATURE.local, 0)
  header.writeUInt16LE(20, 4) // version needed: 2.0 (deflate)
  header.writeUInt16LE(0x0800, 6) // flags: UTF-8 name
  header.writeUInt16LE(entry.method, 8)
  header.writeUInt32LE(entry.crc32, 14)
  header.writeUInt32LE(entry.compressedSize, 18)
  header.writeUInt32LE(entry.uncompressedSize, 22)
  header.writeUInt16LE(name.length, 26)
  return Buffer.concat([header, name])
}

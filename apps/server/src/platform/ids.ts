import { randomBytes } from 'node:crypto'

// Random bytes drawn in blocks: one getrandom call per 256 ids instead of one per id (ids are made on
// every request, and the call is slow in sandboxed kernels).
const BLOCK = 16 * 256
let block = Buffer.alloc(0)
let offset = 0

function random16(): Buffer {
  if (offset + 16 > block.length) {
    block = randomBytes(BLOCK)
    offset = 0
  }
  const bytes = Buffer.from(block.subarray(offset, offset + 16))
  offset += 16
  return bytes
}

/** UUIDv7 (RFC 9562): time-ordered, so new rows land at the end of the primary-key index. */
export function uuidv7(now: number = Date.now()): string {
  const bytes = random16()
  // The 48-bit millisecond timestamp, big-endian (exact: Date.now() stays far below 2^53).
  for (let i = 0; i < 6; i++) bytes[i] = Math.floor(now / 2 ** (8 * (5 - i))) % 256
  bytes[6] = (bytes[6]! & 0x0f) | 0x70
  bytes[8] = (bytes[8]! & 0x3f) | 0x80
  const hex = bytes.toString('hex')
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`
}

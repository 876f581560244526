import { useCallback, useRef } from 'react'

/** A random UUID (v4); crypto.randomUUID is missing outside secure contexts (plain http on a LAN address). */
export function randomKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID()
  const bytes = crypto.getRandomValues(new Uint8Array(16))
  bytes[6] = (bytes[6]! & 0x0f) | 0x40
  bytes[8] = (bytes[8]! & 0x3f) | 0x80
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`
}

/**
 * The Idempotency-Key of a form: the same while the body is the same (a retry after a timeout or a double
 * click creates one record), a new one once the body changes (the server refuses a key reused with another
 * body) and after `reset` (a successful submission).
 */
export function useIdempotencyKey() {
  const last = useRef<{ body: string; key: string } | null>(null)
  const keyFor = useCallback((body: unknown) => {
    const text = JSON.stringify(body)
    if (last.current?.body !== text) last.current = { body: text, key: randomKey() }
    return last.current.key
  }, [])
  const reset = useCallback(() => {
    last.current = null
  }, [])
  return { keyFor, reset }
}

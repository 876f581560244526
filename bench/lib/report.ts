import type { AddressInfo } from 'node:net'

/**
 * The child side of lib/child.ts: send one message to the parent, or the error that stopped the work.
 * Servers keep running until the parent ends them with SIGTERM.
 */
export function report(message: object): void {
  if (!process.send) throw new Error('run this script through bench/run.ts (it needs an IPC channel)')
  process.send(message)
}

/** A job's last word: report, then let go of the IPC channel so the process can exit by itself. */
export function finish(message: object): void {
  if (!process.send) throw new Error('run this script through bench/run.ts (it needs an IPC channel)')
  process.send(message, () => process.disconnect())
}

export async function reportFailure(run: () => Promise<void>): Promise<void> {
  try {
    await run()
  } catch (error) {
    const text = error instanceof Error ? (error.stack ?? error.message) : String(error)
    if (!process.send) throw error
    process.send({ error: text }, () => process.exit(1))
  }
}

export function requiredEnv(name: string): string {
  const value = process.env[name]
  if (!value) throw new Error(`${name} is not set`)
  return value
}

/** Tells the parent which port a server listens on. */
export function reportPort(address: string | AddressInfo | null): void {
  if (address === null || typeof address === 'string')
    throw new Error(`not listening on a TCP port: ${address}`)
  report({ port: address.port })
}

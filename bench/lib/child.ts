import { type ChildProcess, spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'

/**
 * A bench script in its own Node process, so the load generator and the code under test do not share
 * one event loop. It reports back with a single IPC message: `{ error }` when it failed.
 */
export interface Child<T> {
  /** The child's first message. */
  message: Promise<T>
  /** Settles when the process has exited. */
  exited: Promise<void>
  /** Ends the process (SIGTERM) unless it has already exited. */
  stop(): Promise<void>
}

const BENCH_DIR = fileURLToPath(new URL('..', import.meta.url))

export function startChild<T>(
  script: string,
  env: Record<string, string>,
  nodeArgs: string[] = [],
): Child<T> {
  const child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', script], {
    cwd: BENCH_DIR,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  })
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  const message = new Promise<T>((resolve, reject) => {
    child.once('message', (m) => {
      const error = (m as { error?: string }).error
      if (error) reject(new Error(`${script}: ${error}`))
      else resolve(m as T)
    })
    child.once('exit', (code, signal) =>
      reject(new Error(`${script} exited (${signal ?? code}) before reporting`)),
    )
    child.once('error', reject)
  })
  return { message, exited, stop: () => stopChild(child, exited) }
}

async function stopChild(child: ChildProcess, exited: Promise<void>): Promise<void> {
  if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM')
  await exited
}

/** Runs a job to completion (it exits by itself after reporting) and returns what it reported. */
export async function runChild<T>(
  script: string,
  env: Record<string, string>,
  nodeArgs: string[] = [],
): Promise<T> {
  const child = startChild<T>(script, env, nodeArgs)
  try {
    const message = await child.message
    await child.exited
    return message
  } finally {
    await child.stop()
  }
}

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { sql } from 'kysely'
import type { TestProject } from 'vitest/node'
import { openDatabase } from '../../src/platform/db/database'
import { migrate } from '../../src/platform/db/migrate'
import { adminUrl, databaseUrlFor } from './postgres'

/**
 * Migrates one template database per run; each test file then starts from a copy of it
 * (a PGlite data dump, or CREATE DATABASE … TEMPLATE on PostgreSQL) and throws it away.
 */
export default async function setup(project: TestProject) {
  if (project.name === 'postgres') {
    const template = `meihao_tpl_${process.pid}`
    const admin = await openDatabase({ databaseUrl: adminUrl() })
    await sql.raw(`drop database if exists ${template}`).execute(admin.owner)
    await sql.raw(`create database ${template}`).execute(admin.owner)
    const db = await openDatabase({ databaseUrl: databaseUrlFor(template) })
    await migrate(db)
    await db.close()
    project.provide('postgresTemplate', template)
    return async () => {
      await sql.raw(`drop database if exists ${template} with (force)`).execute(admin.owner)
      await admin.close()
    }
  }
  const dir = mkdtempSync(join(tmpdir(), 'meihao-test-'))
  const db = await openDatabase({ dataDir: 'memory://' })
  await migrate(db)
  const dump = await db.lite!.dumpDataDir('none')
  const file = join(dir, 'template.tar')
  writeFileSync(file, Buffer.from(await dump.arrayBuffer()))
  await db.close()
  project.provide('pgliteTemplate', file)
  return () => rmSync(dir, { recursive: true, force: true })
}

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteTemplate: string
    postgresTemplate: string
  }
}

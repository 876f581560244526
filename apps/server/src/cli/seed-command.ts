import cliProgress from 'cli-progress'
import type { Command } from 'commander'
import { createDeps, openAndMigrate } from '../app'
import { formatDemoLogins } from '../demo/logins'
import { seedDemo } from '../demo/seed'
import type { Deps } from '../platform/deps'
import { configOrExit } from './config'

export function registerSeedCommand(program: Command) {
  program
    .command('seed')
    .description('Create the demo estate 翠湖苑 with a login for every role (does nothing when it exists)')
    .action(async () => {
      const config = configOrExit()
      const db = await openAndMigrate(config)
      try {
        await runDemoSeed(createDeps(config, db))
      } finally {
        await db.close()
      }
    })
}

/** Seeds the demo with a progress bar (on a terminal), then prints how it went and the logins. */
export async function runDemoSeed(deps: Deps) {
  const bar = new cliProgress.SingleBar(
    { format: '翠湖苑 {bar} {percentage}% | {step}', hideCursor: true },
    cliProgress.Presets.shades_classic,
  )
  let barStarted = false
  const result = await seedDemo(deps, {
    progress: ({ done, total, step }) => {
      if (!barStarted) bar.start(total, 0, { step })
      barStarted = true
      bar.update(done, { step })
    },
  })
  if (barStarted) bar.stop()
  console.log(
    result.created
      ? `演示小区 翠湖苑 已创建 Demo estate created in ${(result.elapsedMs / 1000).toFixed(1)} s`
      : '演示小区 翠湖苑 已存在，未做改动 Demo estate already present: nothing changed',
  )
  console.log(formatDemoLogins(result.logins))
}

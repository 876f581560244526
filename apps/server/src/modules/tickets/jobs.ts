import { z } from 'zod'
import { defineJob } from '../../platform/jobs'
import { refreshAllDirty } from './rollup'
import { sweepSla } from './sla-service'

/**
 * SLA timers: every minute (and once when workers start, see app-jobs.ts) every ticket whose
 * next_check_at has come is checked. The alerts table makes a repeated check raise nothing twice.
 */
export const slaSweepJob = defineJob({
  id: 'tickets.sla.sweep',
  payload: z.object({}),
  cron: '* * * * *',
  retryLimit: 2,
  retryDelaySeconds: 10,
  expireInSeconds: 10 * 60,
  async handler(_payload, { db, log }) {
    const raised = await sweepSla(db)
    if (raised > 0) log.info({ job: 'tickets.sla.sweep', raised }, 'raised SLA alerts')
  },
})

/** Keeps the monthly report figures current: recomputes the community-months tickets changed in. */
export const rollupRefreshJob = defineJob({
  id: 'tickets.rollup.refresh',
  payload: z.object({}),
  cron: '* * * * *',
  retryLimit: 2,
  retryDelaySeconds: 10,
  expireInSeconds: 10 * 60,
  async handler(_payload, { db, log }) {
    const months = await refreshAllDirty(db)
    if (months > 0) log.info({ job: 'tickets.rollup.refresh', months }, 'refreshed ticket rollups')
  },
})

export const ticketJobs = [slaSweepJob, rollupRefreshJob]

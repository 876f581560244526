import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Command } from 'commander'
import { afterAll, describe, expect, it, vi } from 'vitest'
import { registerTallyCommand, runTally } from './tally-command'

const dir = mkdtempSync(join(tmpdir(), 'meihao-tally-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

let files = 0
function tempFile(content: string): string {
  files += 1
  const path = join(dir, `vote-${files}.json`)
  writeFileSync(path, content)
  return path
}

const export_ = {
  decision: { title: '选聘物业服务企业' },
  rollHash: 'sha256:…',
  units: [
    { unit: '3-2-1501', area: '89.37', owners: ['p17'], developerHeld: false },
    { unit: '3-2-1502', area: '90.00', owners: ['p18', 'p19'] },
    { unit: '3-2-1503', area: '60.5', owners: ['p17'] },
    { unit: '3-2-1601', area: '120.00', owners: ['dev'], developerHeld: true },
    { unit: '3-2-1602', area: '120.00', owners: ['dev'], developerHeld: true },
  ],
  topics: [
    { id: 't1', tier: 'ordinary' },
    { id: 't2', tier: 'major' },
  ],
  ballots: [
    { voter: 'p17', topic: 't1', choice: 'agree' },
    { voter: 'p19', topic: 't1', choice: 'agree' },
    { voter: 'p17', topic: 't2', choice: 'agree' },
    { voter: 'p18', topic: 't2', choice: 'oppose' },
    { voter: 'dev', topic: 't2', choice: 'abstain' },
  ],
}

// 3 heads: p17 (2 units, 149.87), p18+p19 (90.00), the developer block (240.00); 479.87 m² in all.
const t1 = {
  id: 't1',
  tier: 'ordinary',
  totalHeads: 3,
  totalArea: '479.87',
  participatingHeads: 2,
  participatingArea: '239.87',
  agreeHeads: 2,
  agreeArea: '239.87',
  opposeHeads: 0,
  opposeArea: '0.00',
  abstainHeads: 0,
  abstainArea: '0.00',
  quorumMet: false, // 2 of 3 heads, but 239.87 m² is short of 2/3 of 479.87
  passed: false,
}
const t2 = {
  id: 't2',
  tier: 'major',
  totalHeads: 3,
  totalArea: '479.87',
  participatingHeads: 3,
  participatingArea: '479.87',
  agreeHeads: 1,
  agreeArea: '149.87',
  opposeHeads: 1,
  opposeArea: '90.00',
  abstainHeads: 1,
  abstainArea: '240.00',
  quorumMet: true,
  passed: false,
}

describe('meihao tally', () => {
  it('prints the tally of a valid export as JSON and exits 0', () => {
    const result = runTally(tempFile(JSON.stringify(export_)))
    expect(result).toMatchObject({ exitCode: 0, stderr: '' })
    expect(JSON.parse(result.stdout)).toEqual({
      topics: [t1, t2],
      voters: 3,
      totalHeads: 3,
      totalArea: '479.87',
    })
    expect(result.stdout).toBe(
      `${JSON.stringify({ topics: [t1, t2], voters: 3, totalHeads: 3, totalArea: '479.87' }, null, 2)}\n`,
    )
  })

  it('adds the 从众 variant beside the strict result with --follow-majority', () => {
    const result = runTally(tempFile(JSON.stringify(export_)), { followMajority: true })
    const topics = JSON.parse(result.stdout).topics
    expect(topics[0]).toMatchObject({
      ...t1,
      followMajority: { followedSide: 'agree', participatingHeads: 3 },
    })
    expect(topics[0].followMajority).toMatchObject({ agreeHeads: 3, agreeArea: '479.87', passed: true })
    expect(topics[1]).toMatchObject({ ...t2, followMajority: { followedSide: null, passed: false } })
  })

  it('reads a file that starts with a byte-order mark', () => {
    expect(runTally(tempFile(`\uFEFF${JSON.stringify(export_)}`)).exitCode).toBe(0)
  })

  it('names the ballot of an unknown voter and exits 1', () => {
    const ballots = [...export_.ballots, { voter: 'p404', topic: 't1', choice: 'agree' }]
    const file = tempFile(JSON.stringify({ ...export_, ballots }))
    const result = runTally(file)
    expect(result).toMatchObject({ exitCode: 1, stdout: '' })
    expect(result.stderr).toBe(
      `${file}: ballots[5]: unknown voter "p404" (not an owner on the roll) — 未知投票人 "p404"（不是名册中的业主）\n`,
    )
  })

  it('names a bad area and exits 1', () => {
    const units = [{ unit: 'x', area: '89.375', owners: ['a'] }]
    const result = runTally(tempFile(JSON.stringify({ ...export_, units })))
    expect(result.exitCode).toBe(1)
    expect(result.stderr).toContain('units[0].area: "89.375" is not an area with at most 2 decimals — ')
  })

  it('refuses invalid JSON with exit 1', () => {
    const file = tempFile('{ "units": [ ')
    const result = runTally(file)
    expect(result).toMatchObject({ exitCode: 1, stdout: '' })
    expect(result.stderr).toMatch(
      new RegExp(`^${file.replace(/[.\\]/g, '\\$&')}: not valid JSON \\(.+\\) — 不是有效的 JSON\\n$`),
    )
  })

  it('refuses a missing file with exit 1', () => {
    const result = runTally(join(dir, 'nope.json'))
    expect(result).toMatchObject({ exitCode: 1, stdout: '' })
    expect(result.stderr).toContain('cannot read the file')
    expect(result.stderr).toContain('无法读取文件')
  })

  it('is wired into commander: prints to stdout and sets the exit code without throwing', async () => {
    const program = new Command('meihao').exitOverride()
    registerTallyCommand(program)
    const out = vi.spyOn(process.stdout, 'write').mockImplementation(() => true)
    const err = vi.spyOn(process.stderr, 'write').mockImplementation(() => true)
    const exitCodeBefore = process.exitCode
    try {
      await program.parseAsync(['tally', tempFile(JSON.stringify(export_)), '--follow-majority'], {
        from: 'user',
      })
      expect(JSON.parse(String(out.mock.calls[0]![0])).topics[0].followMajority.followedSide).toBe('agree')
      expect(process.exitCode).toBe(exitCodeBefore)

      await program.parseAsync(['tally', tempFile('not json')], { from: 'user' })
      expect(String(err.mock.calls.at(-1)![0])).toContain('not valid JSON')
      expect(process.exitCode).toBe(1)
    } finally {
      out.mockRestore()
      err.mockRestore()
      process.exitCode = exitCodeBefore
    }
  })
})

/** One line of the results table: a figure, what bounds it in the same run, and whether it meets its target. */
export interface ResultRow {
  figure: string
  value: string
  ceiling: string
  ratio: string
  target: string
  /** Undefined for figures reported for information only. */
  pass?: boolean | undefined
}

const HEADERS = ['figure', 'value', 'ceiling (same run)', 'ratio', 'target', 'result'] as const

const cellsOf = (r: ResultRow) => [
  r.figure,
  r.value,
  r.ceiling,
  r.ratio,
  r.target,
  r.pass === undefined ? 'info' : r.pass ? 'pass' : 'FAIL',
]

const escapeCell = (s: string) => s.replace(/\|/g, '\\|')

export function markdownTable(rows: readonly ResultRow[]): string {
  const lines = [HEADERS, HEADERS.map(() => '---'), ...rows.map(cellsOf)].map(
    (cells) => `| ${cells.map(escapeCell).join(' | ')} |`,
  )
  return lines.join('\n')
}

export const fmtInt = (n: number) => Math.round(n).toLocaleString('en-US')
export const fmtMs = (ms: number) =>
  Number.isNaN(ms) ? '—' : `${ms < 10 ? ms.toFixed(2) : ms.toFixed(1)} ms`
export const fmtPercent = (ratio: number) => `${(ratio * 100).toFixed(0)}%`
export const fmtMb = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MB`

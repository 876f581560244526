/** One line on stderr per step, so a long run shows where it is; the table goes to stdout. */
export const step = (message: string) => process.stderr.write(`· ${message}\n`)

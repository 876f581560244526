/** An area exactly as the server sent it ("89.37"), never parsed to a float. */
export function AreaText({ value }: { value: string | null | undefined }) {
  if (value === null || value === undefined || value === '') return <span>—</span>
  return <span style={{ fontVariantNumeric: 'tabular-nums' }}>{value} m²</span>
}

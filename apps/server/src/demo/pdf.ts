/**
 * A one-page PDF written in code, for the demo's evidence (invoices, contracts, reports): text only, in the
 * standard Chinese font every PDF reader carries (STSong-Light, Adobe-GB1, UCS-2 codes), so the file holds
 * no font and stays around 2 KB (Latin letters and digits are half width). Starts with `%PDF-` (platform/files.ts checks the magic bytes) and carries a
 * correct cross-reference table, so strict readers open it too.
 */
export function demoPdf(title: string, lines: readonly string[]): Buffer {
  const text = [
    'BT',
    '/F1 16 Tf',
    '56 780 Td',
    `${ucs2(title)} Tj`,
    '/F1 10.5 Tf',
    '0 -30 Td',
    ...lines.flatMap((line) => ['0 -18 Td', `${ucs2(line)} Tj`]),
    'ET',
  ].join('\n')
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>',
    `<< /Length ${text.length} >>\nstream\n${text}\nendstream`,
    '<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H /DescendantFonts [6 0 R] >>',
    '<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light /CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 4 >> /FontDescriptor 7 0 R /DW 1000 /W [1 95 500] >>',
    '<< /Type /FontDescriptor /FontName /STSong-Light /Flags 6 /FontBBox [-25 -254 1000 880] /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 880 /StemV 93 >>',
  ]
  // Everything is ASCII (text goes in as hex), so string offsets are byte offsets.
  let body = '%PDF-1.4\n'
  const offsets: number[] = []
  objects.forEach((object, i) => {
    offsets.push(body.length)
    body += `${i + 1} 0 obj\n${object}\nendobj\n`
  })
  const xref = body.length
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`
  for (const offset of offsets) body += `${String(offset).padStart(10, '0')} 00000 n \n`
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`
  return Buffer.from(body, 'latin1')
}

/** A PDF hex string of the text's UCS-2 codes (the demo's texts are all in the Basic Multilingual Plane). */
function ucs2(text: string): string {
  let hex = ''
  for (const ch of text) {
    const code = ch.codePointAt(0)!
    if (code > 0xffff) throw new RangeError(`not in the BMP: ${ch}`)
    hex += code.toString(16).padStart(4, '0')
  }
  return `<${hex}>`
}

/** The attachment input the disclosure services take: a PDF by name, base64. */
export const pdfAttachment = (fileName: string, title: string, lines: readonly string[]) => ({
  fileName,
  contentType: 'application/pdf' as const,
  dataBase64: demoPdf(title, lines).toString('base64'),
})

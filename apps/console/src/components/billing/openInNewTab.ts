import { receiptPdfUrl } from '../../api/billing'

/** Opens a same-origin address (a PDF, a printable page, a download) in a new tab; the session comes along. */
export function openInNewTab(url: string) {
  window.open(url, '_blank', 'noopener')
}

/** Opens the receipt's PDF in a new tab, where the browser prints it. */
export const printReceipt = (receiptId: string) => openInNewTab(receiptPdfUrl(receiptId))

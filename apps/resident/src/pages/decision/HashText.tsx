import { Toast } from 'antd-mobile'
import { useT } from '../../i18n'

async function copy(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text)
    return true
  } catch {
    // No clipboard (plain http, old browser): the text selects whole on a long press instead.
    return false
  }
}

/** A SHA-256 hash: small monospace text that selects whole, with a copy button. */
export function HashText({ value, label, testId }: { value: string; label: string; testId?: string }) {
  const t = useT()
  return (
    <div className="mh-hash">
      <span className="mh-hash-label">{label}</span>
      <code className="mh-hash-value" data-testid={testId}>
        {value}
      </code>
      <button
        type="button"
        className="mh-hash-copy"
        aria-label={t('decision.copyLabel', { label })}
        onClick={async () => {
          const ok = await copy(value)
          Toast.show(ok ? { icon: 'success', content: t('decision.copied') } : t('decision.copyFailed'))
        }}
      >
        {t('decision.copy')}
      </button>
    </div>
  )
}

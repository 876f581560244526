import type { InputProps } from 'antd-mobile'
import { useState } from 'react'
import { useT } from '../i18n'
import { EyeIcon, EyeOffIcon } from './icons'
import { TestIdInput } from './TestIdInput'

/** A password input with a show/hide eye. */
export function PasswordInput({ testId, ...props }: Omit<InputProps, 'type'> & { testId: string }) {
  const t = useT()
  const [visible, setVisible] = useState(false)
  return (
    <div className="mh-password">
      <TestIdInput testId={testId} {...props} type={visible ? 'text' : 'password'} />
      <button
        type="button"
        className="mh-password-eye"
        aria-label={visible ? t('login.hidePassword') : t('login.showPassword')}
        aria-pressed={visible}
        onClick={() => setVisible((v) => !v)}
      >
        {visible ? <EyeIcon /> : <EyeOffIcon />}
      </button>
    </div>
  )
}

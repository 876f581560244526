import { Button, NoticeBar } from 'antd-mobile'
import { TestIdInput } from '../../components/TestIdInput'
import { useT } from '../../i18n'
import { TEST_IDS } from '../../testids'
import { formatTime } from './format'
import type { useVoteCode } from './useVoteCode'

export const CODE_LENGTH = 6

interface CodeFieldProps {
  otp: ReturnType<typeof useVoteCode>
  code: string
  disabled: boolean
  onCode(code: string): void
  onRequest(): void
}

/** "获取验证码", then where it went (and, in the demo, the code itself), then the 6-digit input. */
export function CodeField({ otp, code, disabled, onCode, onRequest }: CodeFieldProps) {
  const t = useT()
  const { sent, sending, wait } = otp
  return (
    <div className="mh-code">
      <Button
        block
        size="large"
        shape="rounded"
        color="primary"
        fill={sent ? 'outline' : 'solid'}
        loading={sending}
        disabled={disabled || wait > 0}
        onClick={onRequest}
        data-testid={TEST_IDS.voteRequestCode}
      >
        {wait > 0 ? t('vote.resendIn', { seconds: wait }) : t(sent ? 'vote.resend' : 'vote.requestCode')}
      </Button>
      {sent && (
        <>
          <p className="mh-code-sent" role="status">
            {t('vote.codeSent', { phone: sent.sentTo, time: formatTime(new Date(sent.expiresAt)) })}
          </p>
          {sent.demoCode && (
            <NoticeBar
              className="mh-notice mh-demo-code"
              color="info"
              wrap
              content={
                <span>
                  {t('vote.demoCode')}
                  <strong data-testid={TEST_IDS.voteDemoCode}>{sent.demoCode}</strong>
                </span>
              }
            />
          )}
          <label className="mh-code-label" htmlFor="mh-vote-code">
            {t('vote.code')}
          </label>
          <TestIdInput
            id="mh-vote-code"
            className="mh-code-input"
            testId={TEST_IDS.voteCode}
            value={code}
            onChange={(value) => onCode(value.replace(/\D/g, '').slice(0, CODE_LENGTH))}
            inputMode="numeric"
            autoComplete="one-time-code"
            maxLength={CODE_LENGTH}
            placeholder={t('vote.codePlaceholder')}
            disabled={disabled}
            clearable
          />
        </>
      )}
    </div>
  )
}

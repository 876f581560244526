import { Button } from 'antd-mobile'
import { useState } from 'react'
import { errorMessage } from '../../api/client'
import * as endpoints from '../../api/endpoints'
import type { ReceiptCheck } from '../../api/types'
import { useT } from '../../i18n'
import { TEST_IDS } from '../../testids'

type VerifyState =
  | { status: 'idle' }
  | { status: 'checking' }
  | { status: 'done'; check: ReceiptCheck }
  | { status: 'failed'; message: string }

function VerifyResult({ check }: { check: ReceiptCheck }) {
  const t = useT()
  return (
    <div
      className="mh-verify-result"
      role="status"
      data-testid={TEST_IDS.receiptVerifyResult}
      data-included={check.included}
      data-chain-valid={check.chainValid}
    >
      <span className={check.included ? 'mh-ok' : 'mh-bad'}>
        {check.included ? t('receipt.included', { seq: check.seq ?? '' }) : t('receipt.notFound')}
      </span>
      <span className={check.chainValid ? 'mh-ok' : 'mh-bad'}>
        {t(check.chainValid ? 'receipt.chainValid' : 'receipt.chainBroken')}
      </span>
    </div>
  )
}

/** "核验回执": asks the server whether the hash is in the published chain and the chain is intact. */
export function ReceiptVerify({ decisionId, hash }: { decisionId: string; hash: string }) {
  const t = useT()
  const [state, setState] = useState<VerifyState>({ status: 'idle' })

  const verify = async () => {
    setState({ status: 'checking' })
    try {
      setState({ status: 'done', check: await endpoints.checkReceipt(decisionId, hash) })
    } catch (error) {
      setState({ status: 'failed', message: errorMessage(error) })
    }
  }

  return (
    <div className="mh-verify">
      <Button
        size="middle"
        shape="rounded"
        color="primary"
        fill="outline"
        loading={state.status === 'checking'}
        onClick={verify}
        data-testid={TEST_IDS.receiptVerify}
      >
        {t('receipt.verify')}
      </Button>
      {state.status === 'done' && <VerifyResult check={state.check} />}
      {state.status === 'failed' && (
        <p className="mh-inline-error" role="alert">
          {state.message}
        </p>
      )}
    </div>
  )
}

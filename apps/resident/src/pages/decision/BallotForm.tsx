import { Button } from 'antd-mobile'
import { useState } from 'react'
import { errorMessage } from '../../api/client'
import * as endpoints from '../../api/endpoints'
import type { BallotReceipt, Choice, DecisionTopic, MyDecision } from '../../api/types'
import { useAction } from '../../hooks/useAction'
import { useT } from '../../i18n'
import { TEST_IDS } from '../../testids'
import { ChoiceGroup } from './ChoiceGroup'
import { CODE_LENGTH, CodeField } from './CodeField'
import { formatDateTime } from './format'
import { TopicHeader } from './TopicHeader'
import { useVoteCode } from './useVoteCode'

interface TopicChoiceProps {
  topic: DecisionTopic
  value: Choice | undefined
  disabled: boolean
  onChange(choice: Choice): void
}

function TopicChoice({ topic, value, disabled, onChange }: TopicChoiceProps) {
  const titleId = `mh-vote-topic-${topic.id}`
  return (
    <li className="mh-vote-topic" data-testid={TEST_IDS.voteTopic} data-seq={topic.seq}>
      <TopicHeader topic={topic} titleId={titleId} />
      <ChoiceGroup
        name={`topic-${topic.id}`}
        seq={topic.seq}
        labelledBy={titleId}
        value={value}
        disabled={disabled}
        onChange={onChange}
      />
    </li>
  )
}

/** Choose on every topic, confirm with the SMS code, submit: the receipt goes to `onCast`. */
export function BallotForm({
  decision,
  onCast,
}: {
  decision: MyDecision
  onCast(receipt: BallotReceipt): void
}) {
  const t = useT()
  const otp = useVoteCode(decision.id)
  const [choices, setChoices] = useState<Record<string, Choice>>({})
  const [code, setCode] = useState('')
  const { busy: submitting, error, setError, run } = useAction()

  const topics = [...decision.topics].sort((a, b) => a.seq - b.seq)
  const remaining = topics.filter((topic) => !choices[topic.id]).length
  const codeReady = code.length === CODE_LENGTH
  const lastReceipt = decision.myReceipts.at(-1)

  const requestCode = async () => {
    setError(null)
    try {
      await otp.request()
    } catch (e) {
      setError(errorMessage(e))
    }
  }

  const submit = () =>
    run(async () => {
      const receipt = await endpoints.castBallot(decision.id, { choices, code })
      setCode('')
      otp.reset()
      onCast(receipt)
    })

  return (
    <section className="mh-card mh-vote" aria-labelledby="mh-vote-title" data-testid={TEST_IDS.voteForm}>
      <h2 id="mh-vote-title" className="mh-section-title">
        {t('vote.title')}
      </h2>
      <p className="mh-vote-intro">
        {lastReceipt ? t('vote.already', { time: formatDateTime(lastReceipt.castAt) }) : t('vote.intro')}
      </p>
      <ol className="mh-vote-topics">
        {topics.map((topic) => (
          <TopicChoice
            key={topic.id}
            topic={topic}
            value={choices[topic.id]}
            disabled={submitting}
            onChange={(choice) => {
              setError(null)
              setChoices((c) => ({ ...c, [topic.id]: choice }))
            }}
          />
        ))}
      </ol>
      <CodeField
        otp={otp}
        code={code}
        disabled={submitting}
        onCode={(value) => {
          setError(null)
          setCode(value)
        }}
        onRequest={requestCode}
      />
      {error && (
        <div className="mh-form-error mh-vote-error" role="alert" data-testid={TEST_IDS.voteError}>
          {error}
        </div>
      )}
      {otp.sent && (
        <>
          <p className="mh-vote-hint" aria-live="polite">
            {remaining > 0
              ? t('vote.remaining', { count: remaining })
              : !codeReady
                ? t('vote.needCode')
                : t('vote.ready', { count: topics.length })}
          </p>
          <Button
            block
            size="large"
            shape="rounded"
            color="primary"
            loading={submitting}
            disabled={remaining > 0 || !codeReady}
            onClick={submit}
            data-testid={TEST_IDS.voteSubmit}
          >
            {t('vote.submit')}
          </Button>
        </>
      )}
    </section>
  )
}

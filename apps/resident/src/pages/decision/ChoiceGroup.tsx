import type { Choice } from '../../api/types'
import { useT } from '../../i18n'
import { TEST_IDS } from '../../testids'

const CHOICES: readonly Choice[] = ['agree', 'oppose', 'abstain']

interface ChoiceGroupProps {
  /** Names the native radio group; one per topic. */
  name: string
  seq: number
  value: Choice | undefined
  labelledBy: string
  disabled?: boolean
  onChange(choice: Choice): void
}

/** 同意 / 反对 / 弃权 as three large buttons over native radios (keyboard and screen readers for free). */
export function ChoiceGroup({ name, seq, value, labelledBy, disabled, onChange }: ChoiceGroupProps) {
  const t = useT()
  return (
    <div className="mh-choices" role="radiogroup" aria-labelledby={labelledBy}>
      {CHOICES.map((choice) => (
        <label
          key={choice}
          className={`mh-choice mh-choice-${choice}${value === choice ? ' mh-choice-on' : ''}`}
          data-testid={`${TEST_IDS.voteChoice}-${seq}-${choice}`}
          data-checked={value === choice}
        >
          <input
            type="radio"
            className="mh-visually-hidden"
            name={name}
            value={choice}
            checked={value === choice}
            disabled={disabled}
            onChange={() => onChange(choice)}
          />
          {t(`vote.choice.${choice}`)}
        </label>
      ))}
    </div>
  )
}

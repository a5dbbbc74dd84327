// The choices that shape a retraction: how far to follow forwards and replies, soft or hard (each
// explained in a sentence), and whether to search every mailbox for hidden recipients.
import {
  Dropdown,
  Field,
  Option,
  Radio,
  RadioGroup,
  Switch,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { depthChoices, type RetractMode, type RetractOptions } from "./retractOptions";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM },
  dropdown: { minWidth: "0", width: "100%" },
  choice: { display: "flex", flexDirection: "column" },
  explanation: { color: tokens.colorNeutralForeground2, fontSize: tokens.fontSizeBase200 },
});

export type OptionsFieldsProps = {
  options: RetractOptions;
  onChange(options: RetractOptions): void;
  disabled: boolean;
};

const modeChoices: { value: RetractMode; name: string; explanation: string }[] = [
  {
    value: "soft",
    name: "Soft",
    explanation:
      "Moves each copy to Recoverable Items: its user can still restore it until the date shown per recipient, and you can undo the retraction.",
  },
  {
    value: "hard",
    name: "Hard",
    explanation:
      "Purges each copy: nobody can undo it, so a second person with Retract.Approve must approve it first (as for any retraction above the approval threshold).",
  },
];

export function OptionsFields({ options, onChange, disabled }: OptionsFieldsProps) {
  const styles = useStyles();
  const depth = depthChoices.find((choice) => choice.value === options.conversationDepth) ?? depthChoices[0]!;
  return (
    <div className={styles.root}>
      <Field
        label="Follow forwards and replies"
        hint="0 = the message's recipients only; each step adds whoever received a forward or reply sent by the step before."
      >
        <Dropdown
          className={styles.dropdown}
          value={depth.text}
          selectedOptions={[String(depth.value)]}
          disabled={disabled}
          onOptionSelect={(_event, data) =>
            onChange({ ...options, conversationDepth: Number(data.optionValue ?? options.conversationDepth) })
          }
        >
          {depthChoices.map((choice) => (
            <Option key={choice.value} value={String(choice.value)}>
              {choice.text}
            </Option>
          ))}
        </Dropdown>
      </Field>
      <Field label="Mode">
        <RadioGroup
          value={options.mode}
          disabled={disabled}
          onChange={(_event, data) => onChange({ ...options, mode: data.value as RetractMode })}
        >
          {modeChoices.map((choice) => (
            <Radio
              key={choice.value}
              value={choice.value}
              label={
                <span className={styles.choice}>
                  <strong>{choice.name}</strong>
                  <span className={styles.explanation}>{choice.explanation}</span>
                </span>
              }
            />
          ))}
        </RadioGroup>
      </Field>
      <Field hint="Slower: one search per mailbox of the organisation.">
        <Switch
          checked={options.sweep}
          disabled={disabled}
          label="Search every mailbox (finds Bcc recipients)"
          onChange={(_event, data) => onChange({ ...options, sweep: data.checked })}
        />
      </Field>
    </div>
  );
}

// The audit view's filters: a message by its Internet Message-ID (typed, or the one open in Outlook)
// and a person seen in the records. The message applies on Enter or "Apply", the person on choosing,
// so no request goes out per keystroke.
import { useState } from "react";
import { Button, Dropdown, Field, Input, Option, makeStyles, tokens } from "@fluentui/react-components";
import { type ChosenFilters, noFilters } from "./auditFilters";
import { isPlausibleMessageId } from "./isPlausibleMessageId";
import type { Person } from "./peopleOf";

export type AuditFilterBarProps = {
  filters: ChosenFilters;
  people: readonly Person[];
  /** The Internet Message-ID of the message open in Outlook, when there is one. */
  currentMessageId: string | null;
  onChange(filters: ChosenFilters): void;
};

const everyone = "everyone";

const useStyles = makeStyles({
  form: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  buttons: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalS },
});

export function AuditFilterBar({ filters, people, currentMessageId, onChange }: AuditFilterBarProps) {
  const styles = useStyles();
  const [draft, setDraft] = useState(filters.messageId ?? "");
  const [problem, setProblem] = useState<string | null>(null);

  const applyMessage = (text: string) => {
    const id = text.trim();
    if (id !== "" && !isPlausibleMessageId(id)) {
      setProblem("Enter an Internet Message-ID such as <id@contoso.com>.");
      return;
    }
    setProblem(null);
    setDraft(id);
    onChange({ ...filters, messageId: id === "" ? null : id });
  };
  const clear = () => {
    setDraft("");
    setProblem(null);
    onChange(noFilters);
  };
  const filtered = filters.messageId !== null || filters.actor !== null || draft !== "";

  return (
    <form
      className={styles.form}
      noValidate
      role="search"
      aria-label="Filter the audit log"
      onSubmit={(event) => {
        event.preventDefault();
        applyMessage(draft);
      }}
    >
      <Field
        label="Internet Message-ID"
        size="small"
        validationState={problem ? "error" : "none"}
        validationMessage={problem ?? undefined}
      >
        <Input
          size="small"
          placeholder="<id@contoso.com>"
          autoComplete="off"
          value={draft}
          onChange={(_event, data) => {
            setDraft(data.value);
            if (problem) setProblem(null);
          }}
        />
      </Field>
      <div className={styles.buttons}>
        <Button type="submit" size="small">
          Apply
        </Button>
        <Button
          type="button"
          size="small"
          disabled={!currentMessageId}
          onClick={() => currentMessageId && applyMessage(currentMessageId)}
        >
          This message
        </Button>
      </div>
      <Field label="Person" size="small">
        <Dropdown
          size="small"
          value={filters.actor?.upn ?? "Everyone"}
          selectedOptions={[filters.actor?.objectId ?? everyone]}
          onOptionSelect={(_event, data) => {
            const actor = people.find((person) => person.objectId === data.optionValue) ?? null;
            onChange({ ...filters, actor });
          }}
        >
          <Option value={everyone}>Everyone</Option>
          {people.map((person) => (
            <Option key={person.objectId} value={person.objectId}>
              {person.upn}
            </Option>
          ))}
        </Dropdown>
      </Field>
      <div className={styles.buttons}>
        <Button type="button" size="small" appearance="subtle" disabled={!filtered} onClick={clear}>
          Clear filters
        </Button>
      </div>
    </form>
  );
}

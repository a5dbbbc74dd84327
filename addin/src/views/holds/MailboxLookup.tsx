// The lookup of any mailbox's holds: an address, checked before the call, submitted with Enter or the
// button. A look at someone else's holds is audited by the API, so nothing is looked up while typing.
import { useState } from "react";
import { Button, Field, Input, makeStyles, tokens } from "@fluentui/react-components";
import { isPlausibleAddress } from "./isPlausibleAddress";

export type MailboxLookupProps = {
  /** Called with a trimmed, plausible address. */
  onLookUp(address: string): void;
};

const useStyles = makeStyles({
  form: { display: "flex", alignItems: "flex-end", gap: tokens.spacingHorizontalS },
  field: { flexGrow: 1, minWidth: 0 },
});

function problemWith(text: string): string | null {
  if (text.trim() === "") return "Enter a mailbox address.";
  if (!isPlausibleAddress(text)) return "Enter a full address such as name@contoso.com.";
  return null;
}

export function MailboxLookup({ onLookUp }: MailboxLookupProps) {
  const styles = useStyles();
  const [text, setText] = useState("");
  const [problem, setProblem] = useState<string | null>(null);
  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    const found = problemWith(text);
    setProblem(found);
    if (!found) onLookUp(text.trim());
  };
  return (
    // noValidate: the browser's own bubble would replace the field's readable message.
    <form className={styles.form} onSubmit={submit} noValidate role="search" aria-label="Look up a mailbox">
      <Field
        className={styles.field}
        label="Mailbox"
        size="small"
        validationState={problem ? "error" : "none"}
        validationMessage={problem ?? undefined}
      >
        <Input
          type="email"
          size="small"
          placeholder="name@contoso.com"
          autoComplete="off"
          value={text}
          onChange={(_event, data) => {
            setText(data.value);
            if (problem) setProblem(null);
          }}
        />
      </Field>
      <Button type="submit" size="small" appearance="primary">
        Look up
      </Button>
    </form>
  );
}

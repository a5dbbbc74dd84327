// The audit chain's state at the top of the audit view: intact or broken (where, and why), with a way
// to verify again. The last answer stays on screen while verifying, so the button keeps its focus.
import { useState } from "react";
import {
  Button,
  Caption1,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
} from "@fluentui/react-components";
import type { ApiClient } from "../../api/apiClient";
import type { AuditVerification } from "../../api/apiTypes";
import { ErrorNotice } from "../../components/ErrorNotice";
import { Loading } from "../../components/Loading";
import { useAsync } from "../../components/useAsync";
import { verificationText } from "./verificationText";

export function VerificationStatus({ api }: { api: ApiClient }) {
  const verification = useAsync(() => api.verifyAudit(), "verify");
  const [last, setLast] = useState<AuditVerification | null>(null);
  if (verification.status === "ready" && verification.value !== last) setLast(verification.value);

  if (verification.status === "failed")
    return (
      <ErrorNotice
        title="Could not verify the audit log"
        error={verification.error}
        onRetry={verification.retry}
      />
    );
  const shown = verification.status === "ready" ? verification.value : last;
  if (!shown) return <Loading label="Verifying the audit log…" />;
  const text = verificationText(shown);
  const verifying = verification.status === "loading";
  return (
    <MessageBar intent={text.intent} layout="multiline">
      <MessageBarBody>
        <MessageBarTitle>{text.title}</MessageBarTitle>
        {text.detail}
        {verifying ? (
          <Caption1 as="p" role="status">
            Verifying…
          </Caption1>
        ) : null}
      </MessageBarBody>
      <MessageBarActions>
        <Button size="small" disabledFocusable={verifying} onClick={verification.retry}>
          Verify again
        </Button>
      </MessageBarActions>
    </MessageBar>
  );
}

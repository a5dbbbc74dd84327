-- 003: what the check after a retraction found (api/src/retraction/execute/verifyJob.ts): every
-- retracted mailbox searched again for the message, and any copy found back in the mailbox's visible
-- folders (restored by its user, delivered again, or missed) listed, so the admin sees it.

ALTER TABLE retraction_jobs ADD COLUMN verification jsonb;

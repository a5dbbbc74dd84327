// Request fields several routes share, defined once so they validate (and read in the OpenAPI document)
// the same everywhere.
import { z } from "zod";

/** A mailbox by UPN or SMTP address. */
export const mailboxAddress = z
  .string()
  .trim()
  .max(320)
  .regex(/^[^@\s<>"]+@[^@\s<>"]+\.[^@\s<>"]+$/, {
    message: "expected a mailbox address such as adele.vance@contoso.com",
  });

/**
 * An Internet Message-ID, as Outlook gives it (`<id@host>`); one without its angle brackets gets them, as
 * Exchange stores them with.
 */
export const internetMessageId = z
  .string()
  .trim()
  .max(998)
  .transform((value) => (value.startsWith("<") ? value : `<${value}>`))
  .pipe(
    z.string().regex(/^<[^<>\s]+>$/, {
      message: "expected an Internet Message-ID such as <demo-phish-0001@fabrikam.com>",
    })
  );

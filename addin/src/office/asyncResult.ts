// Turns Office.js's callback style, `call(..., (asyncResult) => ...)`, into a promise, so the rest of the
// add-in awaits plain values and gets errors that say what failed in words, with Office's own code.

/** A failed Office.js call: `code` is Office's error code (e.g. 12006), null when Office gave none. */
export class OfficeCallError extends Error {
  override readonly name = "OfficeCallError";
  constructor(
    message: string,
    readonly code: number | null
  ) {
    super(message);
  }
}

/** "Office error 12007: …" from whatever Office put in AsyncResult.error (its shape varies by host). */
function describe(error: Partial<Office.Error> | undefined): { text: string; code: number | null } {
  const code = typeof error?.code === "number" ? error.code : null;
  const message = error?.message || error?.name || "no details given";
  return { text: code === null ? message : `${message} (Office error ${code})`, code };
}

/**
 * Runs `call` with a callback and settles with its AsyncResult: the value on success, an OfficeCallError
 * on failure. `what` names the action for the message, e.g. "Could not open the dialog".
 * @example await officeCall("Could not follow the selection", (done) => mailbox.addHandlerAsync(type, handler, done));
 */
export function officeCall<T>(
  what: string,
  call: (callback: (result: Office.AsyncResult<T>) => void) => void
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    try {
      call((result) => {
        if (result.status === Office.AsyncResultStatus.Failed) {
          const { text, code } = describe(result.error);
          reject(new OfficeCallError(`${what}: ${text}`, code));
        } else resolve(result.value);
      });
    } catch (err) {
      // Some hosts throw instead of calling back (a missing parameter, an API the host lacks).
      const detail = err instanceof Error ? err.message : String(err);
      reject(new OfficeCallError(`${what}: ${detail}`, null));
    }
  });
}

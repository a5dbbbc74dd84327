// The Exchange admin API's error shape: {"error":{"code","message","details":[{"message":
// "<Category>|<ExceptionType>|<message>"}],"innerError":{...}}}, with the exception type also in the
// X-ExceptionType header.
export class ExchangeError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly exceptionType: string,
    message: string,
    readonly headers: Record<string, string> = {}
  ) {
    super(message);
  }

  body(): Record<string, unknown> {
    return {
      error: {
        code: this.code,
        message: this.message,
        details: [{ message: `${this.code}|${this.exceptionType}|${this.message}` }],
        innerError: { type: this.exceptionType, internalException: { Message: this.message } },
      },
    };
  }
}

export const objectNotFound = (identity: string) =>
  new ExchangeError(
    404,
    "NotFound",
    "Microsoft.Exchange.Configuration.Tasks.ManagementObjectNotFoundException",
    `The operation couldn't be performed because object '${identity}' couldn't be found on 'LOCAL.sim'.`
  );

export const invalidParameter = (message: string) =>
  new ExchangeError(400, "BadRequest", "System.Management.Automation.ParameterBindingException", message);

// Messages the harness offers in its list until it reads them from sim (the demo tenant's headline message
// and an ordinary one).

export type HarnessMessage = {
  subject: string;
  from: { displayName: string; emailAddress: string };
  receivedAt: string;
  internetMessageId: string;
  body: string;
};

export const sampleMessages: HarnessMessage[] = [
  {
    subject: "Action required: verify your payroll details",
    from: { displayName: "Payroll Services", emailAddress: "payroll@fabrikam.com" },
    receivedAt: "2026-11-16T08:42:00.000Z",
    internetMessageId: "<demo-phish-0001@fabrikam.com>",
    body: "Your payroll account will be suspended unless you confirm your details today.",
  },
  {
    subject: "Q4 planning notes",
    from: { displayName: "Megan Bowen", emailAddress: "meganb@contoso.com" },
    receivedAt: "2026-11-14T15:10:00.000Z",
    internetMessageId: "<q4-planning-0007@contoso.com>",
    body: "Notes from Thursday's planning session are attached.",
  },
];

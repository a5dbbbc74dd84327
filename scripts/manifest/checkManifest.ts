// Checks manifest.xml offline against what Outlook requires of a mail add-in with a read-surface button.
// Microsoft's online validator cannot be reached from build machines and its XSDs are not published in a
// package, so this encodes the schema's required elements and order, plus the cross-references (resids)
// and limits that the XSDs alone do not catch.
import { DOMParser, type Document, type Element } from "@xmldom/xmldom";

const ns = {
  app: "http://schemas.microsoft.com/office/appforoffice/1.1",
  xsi: "http://www.w3.org/2001/XMLSchema-instance",
  bt: "http://schemas.microsoft.com/office/officeappbasictypes/1.0",
  vo10: "http://schemas.microsoft.com/office/mailappversionoverrides",
  vo11: "http://schemas.microsoft.com/office/mailappversionoverrides/1.1",
};

/** OfficeApp's children for a MailApp in schema order; `required` ones must be present. */
const mailAppChildren: { name: string; required: boolean }[] = [
  { name: "Id", required: true },
  { name: "Version", required: true },
  { name: "ProviderName", required: true },
  { name: "DefaultLocale", required: true },
  { name: "DisplayName", required: true },
  { name: "Description", required: true },
  { name: "IconUrl", required: true },
  { name: "HighResolutionIconUrl", required: false },
  { name: "SupportUrl", required: false },
  { name: "AppDomains", required: false },
  { name: "Hosts", required: true },
  { name: "Requirements", required: true },
  { name: "FormSettings", required: true },
  { name: "Permissions", required: true },
  { name: "Rule", required: true },
  { name: "DisableEntityHighlighting", required: false },
  { name: "VersionOverrides", required: false },
];

const mailPermissions = ["Restricted", "ReadItem", "ReadWriteItem", "ReadWriteMailbox"];

function children(parent: Element, localName?: string): Element[] {
  const out: Element[] = [];
  for (let node = parent.firstChild; node; node = node.nextSibling) {
    if (node.nodeType === node.ELEMENT_NODE && (!localName || (node as Element).localName === localName)) {
      out.push(node as Element);
    }
  }
  return out;
}

function descendants(root: Element, localName: string): Element[] {
  return Array.from(root.getElementsByTagNameNS("*", localName));
}

const xsiType = (element: Element) => element.getAttributeNS(ns.xsi, "type");
const text = (element: Element | undefined) => element?.textContent?.trim() ?? "";

function parse(xml: string): Document {
  const parser = new DOMParser({
    onError: (level, message) => {
      if (level !== "warning") throw new Error(message);
    },
  });
  return parser.parseFromString(xml, "text/xml");
}

function checkTopLevel(root: Element, problems: string[]): void {
  const names = children(root).map((child) => child.localName ?? "");
  for (const { name, required } of mailAppChildren) {
    if (required && !names.includes(name)) problems.push(`OfficeApp lacks <${name}>.`);
  }
  const order = mailAppChildren.map((child) => child.name);
  let last = -1;
  for (const name of names) {
    const index = order.indexOf(name);
    if (index === -1) problems.push(`OfficeApp has <${name}>, which a MailApp does not allow.`);
    else if (index < last) problems.push(`<${name}> is out of order: the schema wants ${order.join(", ")}.`);
    else last = index;
  }
  const [id] = children(root, "Id");
  if (id && !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(text(id))) {
    problems.push("<Id> must be a GUID.");
  }
  const [version] = children(root, "Version");
  if (version && !/^\d{1,5}(\.\d{1,5}){0,3}$/.test(text(version))) {
    problems.push("<Version> must look like 1.0.0.0.");
  }
  for (const name of ["DisplayName", "Description", "IconUrl"]) {
    const [element] = children(root, name);
    if (element && !element.getAttribute("DefaultValue")) problems.push(`<${name}> needs a DefaultValue.`);
  }
  const [permissions] = children(root, "Permissions");
  if (permissions && !mailPermissions.includes(text(permissions))) {
    problems.push(`<Permissions> must be one of ${mailPermissions.join(", ")}.`);
  }
}

function checkActivation(root: Element, problems: string[]): void {
  const hosts = children(children(root, "Hosts")[0] ?? root, "Host");
  if (!hosts.some((host) => host.getAttribute("Name") === "Mailbox")) {
    problems.push('<Hosts> needs <Host Name="Mailbox">.');
  }
  const sets = descendants(children(root, "Requirements")[0] ?? root, "Set");
  if (!sets.some((set) => set.getAttribute("Name")?.toLowerCase() === "mailbox")) {
    problems.push('<Requirements> needs <Set Name="Mailbox" MinVersion="...">.');
  }
  const readForm = descendants(root, "Form").find((form) => xsiType(form) === "ItemRead");
  if (!readForm || !descendants(readForm, "SourceLocation")[0]?.getAttribute("DefaultValue")) {
    problems.push('<FormSettings> needs <Form xsi:type="ItemRead"> with a SourceLocation.');
  }
  const rules = descendants(root, "Rule").filter((rule) => xsiType(rule) === "ItemIs");
  const readsMessages = rules.some(
    (rule) =>
      rule.getAttribute("ItemType") === "Message" && (rule.getAttribute("FormType") ?? "Read") === "Read"
  );
  if (!readsMessages)
    problems.push('<Rule> must activate on <Rule xsi:type="ItemIs" ItemType="Message" FormType="Read">.');
}

function checkReadButton(root: Element, problems: string[]): void {
  const overrides = descendants(root, "VersionOverrides");
  if (!overrides.some((vo) => vo.namespaceURI === ns.vo10 && xsiType(vo) === "VersionOverridesV1_0")) {
    problems.push('<VersionOverrides xsi:type="VersionOverridesV1_0"> is missing.');
  }
  const surface = descendants(root, "ExtensionPoint").find(
    (point) => xsiType(point) === "MessageReadCommandSurface"
  );
  if (!surface) {
    problems.push('No <ExtensionPoint xsi:type="MessageReadCommandSurface">: Outlook would show no button.');
    return;
  }
  const tab = [...children(surface, "OfficeTab"), ...children(surface, "CustomTab")][0];
  const button = tab && descendants(tab, "Control").find((control) => xsiType(control) === "Button");
  const action =
    button && children(button, "Action").find((candidate) => xsiType(candidate) === "ShowTaskpane");
  if (!tab) problems.push("The read surface needs an <OfficeTab> or <CustomTab>.");
  else if (!button) problems.push('The read surface needs a <Control xsi:type="Button">.');
  else if (!action) problems.push('The button needs <Action xsi:type="ShowTaskpane">.');
  else if (!children(action, "SourceLocation")[0]?.getAttribute("resid")) {
    problems.push("The ShowTaskpane action needs a <SourceLocation resid=...>.");
  }
  if (button) {
    for (const name of ["Label", "Supertip", "Icon"]) {
      if (!children(button, name).length) problems.push(`The button lacks <${name}>.`);
    }
    const sizes = descendants(button, "Image").map((image) => image.getAttribute("size"));
    for (const size of ["16", "32", "80"]) {
      if (!sizes.includes(size)) problems.push(`The button lacks its ${size}px icon.`);
    }
  }
}

const resourceLimits: Record<string, number | undefined> = { ShortStrings: 125, LongStrings: 250 };

function checkResources(root: Element, problems: string[]): void {
  const defined = new Map<string, string>();
  for (const resources of descendants(root, "Resources")) {
    for (const group of children(resources)) {
      for (const entry of children(group)) {
        const id = entry.getAttribute("id") ?? "";
        const value = entry.getAttribute("DefaultValue") ?? "";
        if (!id || !value)
          problems.push(`A resource in <bt:${group.localName}> lacks its id or DefaultValue.`);
        if (id.length > 32) problems.push(`Resource id "${id}" is longer than 32 characters.`);
        const limit = resourceLimits[group.localName ?? ""];
        if (limit && value.length > limit)
          problems.push(`Resource "${id}" is longer than ${limit} characters.`);
        defined.set(id, value);
      }
    }
  }
  for (const user of descendants(root, "*").filter((element) => element.hasAttribute("resid"))) {
    const resid = user.getAttribute("resid") ?? "";
    if (!defined.has(resid)) problems.push(`<${user.localName} resid="${resid}"> refers to no resource.`);
  }
}

function checkUrls(xml: string, problems: string[]): void {
  for (const [, url] of xml.matchAll(/DefaultValue="(\w+:\/\/[^"]*)"/g)) {
    if (!url?.startsWith("https://"))
      problems.push(`${url} is not https: Outlook loads add-in pages over HTTPS only.`);
  }
}

/**
 * Lists what is wrong with an Outlook add-in manifest; an empty list means it passes.
 * @example checkManifest("<OfficeApp/>") // → ["The manifest's root must be <OfficeApp ...", ...]
 */
export function checkManifest(xml: string): string[] {
  let root: Element | null;
  try {
    root = parse(xml).documentElement;
  } catch (err) {
    return [`The manifest is not well-formed XML: ${(err as Error).message.split("\n")[0]}`];
  }
  if (
    !root ||
    root.localName !== "OfficeApp" ||
    root.namespaceURI !== ns.app ||
    xsiType(root) !== "MailApp"
  ) {
    return [`The manifest's root must be <OfficeApp xmlns="${ns.app}" xsi:type="MailApp">.`];
  }
  const problems: string[] = [];
  checkTopLevel(root, problems);
  checkActivation(root, problems);
  checkReadButton(root, problems);
  checkResources(root, problems);
  checkUrls(xml, problems);
  return problems;
}

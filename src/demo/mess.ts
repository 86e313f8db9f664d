// The imperfections of real exports, added on purpose so problems and escaping show up in the demo.
import { drawFreeMailDomain } from "./companies";
import type { DemoLead } from "./leads";
import { asciiSlug } from "./names";
import type { Rng } from "./random";

/** Sidebar and email escaping test data: must render as text, never as markup. */
export const XSS_NAME = "<img src=x onerror=alert(1)>";

/**
 * Lead-level mess: people who signed up twice (same name, personal address), keys in mixed case
 * (the Activity Log spells them lower-case), sloppy titles and companies, and one hostile name.
 * Returns the index of the hostile-name lead (it is made a hot prospect so it reaches the top lists).
 */
export function messUpLeads(rng: Rng, leads: DemoLead[], emails: Set<string>): number {
  const n = leads.length;
  const taken = (e: string) => emails.has(e.toLowerCase());
  if (n >= 10) {
    const pairs = Math.max(2, Math.round(n * 0.004));
    for (let k = 0; k < pairs; k++) {
      const a = leads[rng.int(0, n - 1)];
      const b = leads[rng.int(0, n - 1)];
      if (a === b || a.emailKind !== "business" || b.emailKind !== "business") continue;
      b.firstName = a.firstName;
      b.lastName = a.lastName;
      b.company = a.company;
      b.industry = a.industry;
      b.employees = a.employees;
      b.country = a.country;
      const domain = drawFreeMailDomain(rng);
      let email = `${asciiSlug(a.firstName)}.${asciiSlug(a.lastName)}@${domain}`;
      for (let i = 2; taken(email); i++)
        email = `${asciiSlug(a.firstName)}.${asciiSlug(a.lastName)}${i}@${domain}`;
      emails.add(email);
      b.email = email;
      b.emailKind = "free";
    }
  }
  for (const lead of leads) {
    const u = rng.next();
    if (u < 0.008 && lead.emailKind === "business") {
      // "Jane.Doe@Acme.com" in the CRM, "jane.doe@acme.com" in the web analytics export.
      lead.logEmail = lead.email;
      const at = lead.email.indexOf("@");
      const local = lead.email
        .slice(0, at)
        .replace(/(^|\.)([a-z])/g, (_m, p: string, c: string) => p + c.toUpperCase());
      lead.email = `${local}@${lead.email.charAt(at + 1).toUpperCase()}${lead.email.slice(at + 2)}`;
    } else if (u < 0.025 && lead.title !== "") {
      lead.title = lead.title.toLowerCase();
    } else if (u < 0.035 && lead.title !== "") {
      lead.title = `${lead.title} `;
    } else if (u < 0.042 && lead.company !== "") {
      lead.company = `${lead.company} `;
    }
  }
  // A recent, well-fitting lead so the hostile name shows up among the hot leads of the demo.
  let x = Math.floor(n * 0.97);
  while (x > 0 && leads[x].emailKind !== "business") x--;
  const lead = leads[x];
  if (!lead) return -1;
  lead.firstName = XSS_NAME;
  lead.lastName = "Tester";
  lead.logEmail = undefined;
  const domain = lead.email.slice(lead.email.lastIndexOf("@") + 1);
  lead.email = taken(`security.test@${domain}`) ? `security.test.${x}@${domain}` : `security.test@${domain}`;
  emails.add(lead.email);
  lead.title = "Founder & CEO";
  lead.seniority = "executive";
  lead.func = "";
  return x;
}

import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { FULL_SCALE, type SyntheticDataset } from "../dataset.js";
import { Random } from "../random.js";
import { personSources } from "../source-records.js";
import { writeCsv } from "./csv-writer.js";
import { PREFIX, salesforceId } from "./salesforce-ids.js";

/** Marketo activity type ids of the synthetic event types (`Attend Webinar` is declared as a custom type, 100001). */
export const ACTIVITY_TYPE_IDS: Readonly<Record<string, number>> = {
  "Visit Webpage": 1,
  "Fill Out Form": 2,
  "Click Link": 3,
  "Email Delivered": 7,
  "Open Email": 10,
  "Click Email": 11,
  "Attend Webinar": 100001,
};

/** The Marketo lead id of a synthetic person. */
export const leadId = (person: number) => String(1_000_000 + person);

/** A person whose records may carry an opportunity role: one with a Salesforce contact (persons 0-6 mod 10). */
const roleHolder = (account: number, r: Random) => account * FULL_SCALE.personsPerAccount + r.int(7);

/**
 * Writes the synthetic data set as the exporting systems write it: Salesforce
 * objects (Data Loader CSV, 18-character ids), Marketo leads and the bulk
 * activity extract, and partner intent and technographics files. Persons 0-2
 * (mod 10) are Salesforce contacts only, 3-4 also Marketo leads that
 * cross-reference the contact (`sfdcContactId`), 5-6 leads that share only the
 * email (in another spelling), 7-9 Marketo leads only (linked by
 * `sfdcAccountId`). Activities belong to Marketo leads, so Salesforce-only
 * persons have none. Returns the size of each file in bytes.
 */
export function writeExportFiles(data: SyntheticDataset, folder: string): Record<string, number> {
  mkdirSync(join(folder, "salesforce"), { recursive: true });
  mkdirSync(join(folder, "marketo"), { recursive: true });
  mkdirSync(join(folder, "partner"), { recursive: true });
  const sizes: Record<string, number> = {};
  const write = (file: string, header: readonly string[], rows: Iterable<readonly (string | number | boolean | undefined)[]>) => {
    sizes[file] = writeCsv(join(folder, file), header, rows);
  };
  const account = (i: number) => salesforceId(PREFIX.account, i);
  const contact = (p: number) => salesforceId(PREFIX.contact, p);

  write(
    "salesforce/Account.csv",
    ["Id", "Name", "Website", "Industry", "NumberOfEmployees", "AnnualRevenue", "BillingCountry", "Type"],
    (function* () {
      let i = 0;
      for (const a of data.accounts()) yield [account(i++), a.name, a.domain, a.industry, a.employeeCount, a.annualRevenue, a.country, a.type];
    })(),
  );

  write(
    "salesforce/Contact.csv",
    ["Id", "AccountId", "FirstName", "LastName", "Email", "Title", "MailingCountry", "HasOptedOutOfEmail"],
    (function* () {
      let p = 0;
      for (const person of data.persons()) {
        if (personSources(p) !== "marketo") {
          const optOut = person.consent.email === "denied" ? true : person.consent.email === "granted" ? false : undefined;
          yield [contact(p), account(data.homeAccountOf(p)), person.firstName, person.lastName, person.email, person.title, person.country, optOut];
        }
        p++;
      }
    })(),
  );

  write(
    "salesforce/AccountContactRelation.csv",
    ["Id", "AccountId", "ContactId", "IsDirect", "Roles"],
    (function* () {
      let n = 0;
      for (const link of data.links()) {
        const p = Number(link.personId.slice(4));
        if (link.isDirect || personSources(p) === "marketo") continue;
        yield [salesforceId(PREFIX.relation, n++), account(Number(link.accountId.slice(4))), contact(p), false, (link.roles ?? []).join(";")];
      }
    })(),
  );

  write(
    "salesforce/Opportunity.csv",
    ["Id", "AccountId", "Name", "StageName", "Amount", "CurrencyIsoCode", "CloseDate", "IsClosed", "IsWon"],
    (function* () {
      let i = 0;
      for (const o of data.opportunities()) {
        yield [
          salesforceId(PREFIX.opportunity, i),
          account(Number(o.accountId.slice(4))),
          `Opportunity ${i}`,
          o.stage,
          o.amount,
          o.currency,
          o.closeDate,
          o.isClosed,
          o.isWon,
        ];
        i++;
      }
    })(),
  );

  write(
    "salesforce/OpportunityContactRole.csv",
    ["Id", "OpportunityId", "ContactId", "Role", "IsPrimary"],
    (function* () {
      for (let i = 0; i < data.opportunityCount; i++) {
        const r = new Random(0x5eed ^ Math.imul(i + 1, 0x9e3779b1));
        yield [
          salesforceId(PREFIX.role, i),
          salesforceId(PREFIX.opportunity, i),
          contact(roleHolder(Math.floor(i / FULL_SCALE.opportunitiesPerAccount), r)),
          r.chance(0.3) ? "Economic Buyer" : "Influencer",
          r.chance(0.3),
        ];
      }
    })(),
  );

  write(
    "salesforce/Asset.csv",
    ["Id", "AccountId", "Name", "PurchaseDate", "Status", "Product2.Name", "Product2.Family"],
    (function* () {
      let n = 0;
      for (const row of data.ownedProducts()) {
        yield [
          salesforceId(PREFIX.asset, n++),
          account(Number(row.key.slice(4))),
          row.values.product,
          row.values.purchaseDate,
          row.values.status,
          row.values.product,
          row.values.productFamily,
        ];
      }
    })(),
  );

  write(
    "marketo/leads.csv",
    ["id", "email", "firstName", "lastName", "title", "sfdcContactId", "sfdcAccountId"],
    (function* () {
      let p = 0;
      for (const person of data.persons()) {
        const sources = personSources(p);
        if (sources !== "salesforce") {
          const email = sources === "both-email" ? `  ${person.email.toUpperCase()} ` : person.email;
          yield [
            leadId(p),
            email,
            person.firstName,
            person.lastName,
            person.title,
            sources === "both-crossref" ? contact(p) : undefined,
            sources === "marketo" ? account(data.homeAccountOf(p)) : undefined,
          ];
        }
        p++;
      }
    })(),
  );

  write(
    "marketo/activities.csv",
    ["marketoGUID", "leadId", "activityDate", "activityTypeId", "campaignId", "primaryAttributeValueId", "primaryAttributeValue", "attributes"],
    (function* () {
      for (const e of data.events()) {
        const p = Number(e.personId.slice(4));
        if (personSources(p) === "salesforce") continue;
        const primary = e.properties.webpage ?? e.properties.form ?? e.properties.email;
        yield [e.id.slice(3), leadId(p), e.occurredAt, ACTIVITY_TYPE_IDS[e.type], undefined, undefined, primary, undefined];
      }
    })(),
  );

  write(
    "partner/intent.csv",
    ["domain", "topic", "score", "observedAt"],
    (function* () {
      for (const row of data.intent()) yield [row.key, row.values.topic, row.values.score, row.values.observedAt];
    })(),
  );

  write(
    "partner/technographics.csv",
    ["domain", "technology", "category", "vendor"],
    (function* () {
      for (const row of data.technographics()) yield [row.key, row.values.technology, row.values.category, row.values.vendor];
    })(),
  );
  return sizes;
}

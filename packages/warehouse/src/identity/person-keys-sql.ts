import type { WarehouseDialect } from "../dialect/warehouse-dialect.js";

/** A staged table of person records and which export it holds. */
export interface StagedPersonTable {
  readonly table: string;
  readonly source: "salesforce:Contact" | "salesforce:Lead" | "marketo:leads";
}

/**
 * The own key and identity columns of each person export, as the readers'
 * mappings set them (`salesforceSpec("Contact" | "Lead")`, `marketoSpec("leads")`):
 * the namespace of the record's key and its column, then `[namespace, column]`
 * of each identity. These mirror the readers' `map` functions (which are code,
 * not data); the end-to-end test checks them against `loadExports`.
 */
interface PersonExport {
  readonly key: [string, string];
  readonly system: string;
  readonly object: string;
  readonly identities: [string, string][];
  /** Standard person field → column. */
  readonly fields: Readonly<Record<string, string>>;
  /** Default consent columns: column → channel and the value that means opted out. */
  readonly consent: Readonly<Record<string, { channel: string; optOutWhen: boolean }>>;
}

const SALESFORCE_PERSON = (country: string, city: string) => ({
  email: "Email",
  firstName: "FirstName",
  lastName: "LastName",
  title: "Title",
  department: "Department",
  phone: "Phone",
  country,
  city,
  createdAt: "CreatedDate",
  updatedAt: "LastModifiedDate",
});
const SALESFORCE_CONSENT = { HasOptedOutOfEmail: { channel: "email", optOutWhen: true }, DoNotCall: { channel: "phone", optOutWhen: true } };

const PERSON_KEYS: Record<StagedPersonTable["source"], PersonExport> = {
  "salesforce:Contact": {
    key: ["salesforce.contact", "Id"],
    system: "salesforce",
    object: "Contact",
    identities: [["email", "Email"]],
    fields: SALESFORCE_PERSON("MailingCountry", "MailingCity"),
    consent: SALESFORCE_CONSENT,
  },
  "salesforce:Lead": {
    key: ["salesforce.lead", "Id"],
    system: "salesforce",
    object: "Lead",
    identities: [
      ["salesforce.contact", "ConvertedContactId"],
      ["email", "Email"],
    ],
    fields: SALESFORCE_PERSON("Country", "City"),
    consent: SALESFORCE_CONSENT,
  },
  "marketo:leads": {
    key: ["marketo.lead", "id"],
    system: "marketo",
    object: "Lead",
    identities: [
      ["salesforce.contact", "sfdcContactId"],
      ["salesforce.lead", "sfdcLeadId"],
      ["email", "email"],
    ],
    fields: {
      email: "email",
      firstName: "firstName",
      lastName: "lastName",
      title: "title",
      phone: "phone",
      country: "country",
      city: "city",
      department: "department",
      createdAt: "createdAt",
      updatedAt: "updatedAt",
    },
    consent: { unsubscribed: { channel: "email", optOutWhen: true } },
  },
};

/** The standard person fields {@link personCandidatesSql} writes. */
export const PERSON_FIELDS = ["email", "firstName", "lastName", "title", "department", "phone", "country", "city", "createdAt", "updatedAt"] as const;

/**
 * Statements that write the inputs of `mergeFieldsSql` and `mergeConsentSql`
 * for the records of {@link personKeysSql} (run first, same prefix):
 * `<prefix>candidates (record, system, namespace, value, updated_at, <PERSON_FIELDS>)`
 * and `<prefix>consent (record, channel, state)` from the default consent columns.
 */
export function personCandidatesSql(d: WarehouseDialect, tables: readonly StagedPersonTable[], prefix: string): string[] {
  const q = d.quote;
  const records = q(`${prefix}records`);
  const join = (t: StagedPersonTable) => `FROM ${q(t.table)} s JOIN ${records} r ON r.source_table = ${d.literal(t.table)} AND r.source_record = s._record`;
  const candidates = tables.map((t) => {
    const spec = PERSON_KEYS[t.source];
    const fields = PERSON_FIELDS.map((f) => `s.${q(spec.fields[f]!)} AS ${q(f)}`);
    return `SELECT r.record, r.system, r.namespace, r.value, s.${q(spec.fields.updatedAt!)} AS updated_at, ${fields.join(", ")} ${join(t)}`;
  });
  const consent = tables.flatMap((t) =>
    Object.entries(PERSON_KEYS[t.source].consent).map(
      ([column, rule]) =>
        `SELECT r.record, ${d.literal(rule.channel)} AS channel, CASE WHEN s.${q(column)} = ${rule.optOutWhen ? "TRUE" : "FALSE"} THEN 'denied' ELSE 'granted' END AS state ${join(t)} WHERE s.${q(column)} IS NOT NULL`,
    ),
  );
  return [
    `CREATE TABLE ${q(`${prefix}candidates`)} AS ${candidates.join("\nUNION ALL\n")}`,
    `CREATE TABLE ${q(`${prefix}consent`)} AS ${consent.join("\nUNION ALL\n")}`,
  ];
}

/**
 * Statements that number the person records of staged tables (`record`, in
 * the order given, then `_record`) and write the inputs of the identity SQL:
 * `<prefix>records (record, namespace, value, system, object, source_table, source_record)`
 * and `<prefix>identities (record, namespace, value)`.
 */
export function personKeysSql(d: WarehouseDialect, tables: readonly StagedPersonTable[], prefix: string): string[] {
  const q = d.quote;
  const records = q(`${prefix}records`);
  const union = tables
    .map((t, i) => {
      const spec = PERSON_KEYS[t.source];
      return `SELECT ${i} AS part, _record AS source_record, ${d.literal(t.table)} AS source_table, ${d.literal(spec.key[0])} AS namespace, ${q(spec.key[1])} AS value, ${d.literal(spec.system)} AS system, ${d.literal(spec.object)} AS object FROM ${q(t.table)}`;
    })
    .join("\nUNION ALL\n");
  const identities = tables.flatMap((t) =>
    PERSON_KEYS[t.source].identities.map(
      ([namespace, column]) =>
        `SELECT r.record, ${d.literal(namespace)} AS namespace, CAST(s.${q(column)} AS VARCHAR) AS value FROM ${q(t.table)} s JOIN ${records} r ON r.source_table = ${d.literal(t.table)} AND r.source_record = s._record WHERE s.${q(column)} IS NOT NULL`,
    ),
  );
  return [
    `CREATE TABLE ${records} AS SELECT row_number() OVER (ORDER BY part, source_record) - 1 AS record, namespace, value, system, object, source_table, source_record FROM (${union}) u`,
    `CREATE TABLE ${q(`${prefix}identities`)} AS ${identities.join("\nUNION ALL\n")}`,
  ];
}

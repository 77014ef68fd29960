import type { DuckDBConnection } from "@duckdb/node-api";
import type { SyntheticDataset } from "./dataset.js";
import { load } from "./duckdb-tables.js";
import { BASELINE_DERIVED_COLUMNS } from "./seed-sql.js";
import { eventOwnerRef, linkRecords, personRecords } from "./source-records.js";

function* map<T, U>(items: Iterable<T>, f: (item: T) => U | undefined): Iterable<U> {
  for (const item of items) {
    const out = f(item);
    if (out !== undefined) yield out;
  }
}

/**
 * The identity joins in SQL: a Marketo lead is the Salesforce contact it
 * cross-references, else the contact with the same trimmed, lower-cased email,
 * else a person of its own; fields merge with Salesforce first; links come from
 * Contact.AccountId, AccountContactRelation and the lead's sfdcAccountId; events
 * are re-pointed to the unified person.
 */
export const IDENTITY_SQL = [
  `CREATE TABLE person_map AS
     WITH contact_emails AS (SELECT id, lower(trim(email)) AS email FROM raw_sf_contacts)
     SELECT 'salesforce.contact' AS namespace, id AS value, id AS person_id FROM raw_sf_contacts
     UNION ALL
     SELECT 'marketo.lead', m.id, coalesce(c1.id, CASE WHEN m.sfdc_contact_id IS NULL THEN c2.id END, 'marketo.lead:' || m.id)
     FROM raw_mkto_leads m
     LEFT JOIN raw_sf_contacts c1 ON c1.id = m.sfdc_contact_id
     LEFT JOIN contact_emails c2 ON c2.email = lower(trim(m.email))`,
  `CREATE TABLE persons AS
     WITH lead_persons AS (
       SELECT pm.person_id, m.* FROM raw_mkto_leads m JOIN (SELECT value, person_id FROM person_map WHERE namespace = 'marketo.lead') pm ON pm.value = m.id
     ), source_rows AS (
       SELECT id AS person_id, email AS sf_email, NULL AS mk_email, first_name AS sf_first, NULL AS mk_first, last_name AS sf_last, NULL AS mk_last,
              title AS sf_title, NULL AS mk_title, country, consent_email FROM raw_sf_contacts
       UNION ALL
       SELECT person_id, NULL, trim(email), NULL, first_name, NULL, last_name, NULL, title, NULL, NULL FROM lead_persons
     )
     SELECT person_id AS id, coalesce(max(sf_email), max(mk_email)) AS email, coalesce(max(sf_first), max(mk_first)) AS first_name,
            coalesce(max(sf_last), max(mk_last)) AS last_name, coalesce(max(sf_title), max(mk_title)) AS title,
            max(country) AS country, max(consent_email) AS consent_email
     FROM source_rows GROUP BY person_id`,
  `CREATE TABLE links AS
     SELECT account_id, person_id, bool_or(is_direct) AS is_direct, flatten(list(roles)) AS roles FROM (
       SELECT account_id, contact_id AS person_id, true AS is_direct, []::VARCHAR[] AS roles FROM raw_contact_account
       UNION ALL SELECT account_id, contact_id, false, roles FROM raw_acr
       UNION ALL SELECT l.account_id, pm.person_id, true, []::VARCHAR[] FROM raw_lead_account l
         JOIN (SELECT value, person_id FROM person_map WHERE namespace = 'marketo.lead') pm ON pm.value = l.lead_id
     ) GROUP BY account_id, person_id`,
  `CREATE TABLE person_events AS
     SELECT e.id, pm.person_id, e.type, e.occurred_at, e.webpage, e.form, e.email
     FROM raw_events e JOIN person_map pm ON pm.namespace = e.owner_namespace AND pm.value = e.owner_value`,
];

/** Loads the source-shaped rows into DuckDB and resolves identities in SQL (the baseline of the build figure). */
export async function loadWithIdentityIntoDuckDB(connection: DuckDBConnection, data: SyntheticDataset): Promise<void> {
  await load(
    connection,
    "accounts",
    map(data.accounts(), (a) => ({ ...a, employee_count: a.employeeCount, annual_revenue: a.annualRevenue })),
  );
  await load(
    connection,
    "raw_sf_contacts",
    map(personRecords(data), (r) =>
      r.key.namespace === "salesforce.contact"
        ? { id: r.key.value, ...r.person, first_name: r.person.firstName, last_name: r.person.lastName, consent_email: r.person.consent?.email }
        : undefined,
    ),
  );
  await load(
    connection,
    "raw_mkto_leads",
    map(personRecords(data), (r) =>
      r.key.namespace === "marketo.lead"
        ? { id: r.key.value, ...r.person, first_name: r.person.firstName, last_name: r.person.lastName, sfdc_contact_id: r.identities?.[0]?.value }
        : undefined,
    ),
  );
  await load(
    connection,
    "raw_contact_account",
    map(linkRecords(data), (l) => (l.rule === "salesforce.Contact.AccountId" ? { contact_id: l.person.value, account_id: l.account.value } : undefined)),
  );
  await load(
    connection,
    "raw_acr",
    map(linkRecords(data), (l) =>
      l.rule === "salesforce.AccountContactRelation" ? { contact_id: l.person.value, account_id: l.account.value, roles: l.roles ?? [] } : undefined,
    ),
  );
  await load(
    connection,
    "raw_lead_account",
    map(linkRecords(data), (l) => (l.rule === "marketo.sfdcAccountId" ? { lead_id: l.person.value, account_id: l.account.value } : undefined)),
  );
  await load(
    connection,
    "opportunities",
    map(data.opportunities(), (o) => ({ ...o, account_id: o.accountId, close_date: o.closeDate, is_closed: o.isClosed, is_won: o.isWon })),
  );
  await load(
    connection,
    "raw_events",
    map(data.events(), (e) => {
      const owner = eventOwnerRef(data, Number(e.personId.slice(4)));
      return { id: e.id, owner_namespace: owner.namespace, owner_value: owner.value, type: e.type, occurred_at: e.occurredAt, ...e.properties };
    }),
  );
  await load(
    connection,
    "account_events",
    map(data.accountEvents(), (e) => ({ id: e.id, account_id: e.accountId, type: e.type, occurred_at: e.occurredAt, ...e.properties })),
  );
  await load(
    connection,
    "owned_products",
    map(data.ownedProducts(), (r) => ({ account_id: r.key, ...r.values, product_family: r.values.productFamily, purchase_date: r.values.purchaseDate })),
  );
  await load(
    connection,
    "intent",
    map(data.intent(), (r) => ({ domain: r.key, ...r.values, observed_at: r.values.observedAt })),
  );
  await load(
    connection,
    "technographics",
    map(data.technographics(), (r) => ({ domain: r.key, ...r.values })),
  );
  for (const sql of IDENTITY_SQL) await connection.run(sql);
  for (const sql of BASELINE_DERIVED_COLUMNS) await connection.run(sql);
}

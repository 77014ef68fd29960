import { join } from "node:path";

const csv = (folder: string, file: string) => `read_csv('${join(folder, file).replace(/'/g, "''")}', header = true)`;
const domainOf = (column: string) => `regexp_extract(lower(trim(${column})), '^(?:[a-z]+://)?(?:www\\.)?([^/:?#]+)', 1)`;

/**
 * The DuckDB baseline of the files figure: `read_csv` of every export file,
 * then identity resolution with SQL joins — a Marketo lead is the Salesforce
 * contact it cross-references, else the contact with the same trimmed,
 * lower-cased email, else a person of its own; links from Contact.AccountId,
 * AccountContactRelation and the lead's sfdcAccountId, one per pair; activities
 * re-pointed to the unified person; intent surges (score ≥ 70) to the account
 * with the same registrable domain.
 */
export function filesBaselineSql(folder: string): string[] {
  return [
    `CREATE TABLE accounts AS SELECT *, ${domainOf("Website")} AS domain_key FROM ${csv(folder, "salesforce/Account.csv")}`,
    `CREATE TABLE raw_sf_contacts AS SELECT * FROM ${csv(folder, "salesforce/Contact.csv")}`,
    `CREATE TABLE raw_acr AS SELECT * FROM ${csv(folder, "salesforce/AccountContactRelation.csv")}`,
    `CREATE TABLE opportunities AS SELECT * FROM ${csv(folder, "salesforce/Opportunity.csv")}`,
    `CREATE TABLE raw_roles AS SELECT * FROM ${csv(folder, "salesforce/OpportunityContactRole.csv")}`,
    `CREATE TABLE owned_products AS SELECT * FROM ${csv(folder, "salesforce/Asset.csv")}`,
    `CREATE TABLE raw_mkto_leads AS SELECT * FROM ${csv(folder, "marketo/leads.csv")}`,
    `CREATE TABLE raw_activities AS SELECT * FROM ${csv(folder, "marketo/activities.csv")}`,
    `CREATE TABLE intent AS SELECT * FROM ${csv(folder, "partner/intent.csv")}`,
    `CREATE TABLE technographics AS SELECT * FROM ${csv(folder, "partner/technographics.csv")}`,
    `CREATE TABLE person_map AS
       WITH contact_emails AS (SELECT Id, lower(trim(Email)) AS email FROM raw_sf_contacts)
       SELECT 'salesforce.contact' AS namespace, Id AS value, Id AS person_id FROM raw_sf_contacts
       UNION ALL
       SELECT 'marketo.lead', CAST(m.id AS VARCHAR), coalesce(c1.Id, c2.Id, 'marketo.lead:' || m.id)
       FROM raw_mkto_leads m
       LEFT JOIN raw_sf_contacts c1 ON c1.Id = m.sfdcContactId
       LEFT JOIN contact_emails c2 ON c2.email = lower(trim(m.email))`,
    `CREATE TABLE persons AS
       WITH source_rows AS (
         SELECT Id AS person_id, Email AS sf_email, NULL AS mk_email, FirstName AS sf_first, NULL AS mk_first, LastName AS sf_last, NULL AS mk_last,
                Title AS sf_title, NULL AS mk_title, MailingCountry AS country, HasOptedOutOfEmail AS opted_out FROM raw_sf_contacts
         UNION ALL
         SELECT pm.person_id, NULL, trim(m.email), NULL, m.firstName, NULL, m.lastName, NULL, m.title, NULL, NULL
         FROM raw_mkto_leads m JOIN person_map pm ON pm.namespace = 'marketo.lead' AND pm.value = CAST(m.id AS VARCHAR)
       )
       SELECT person_id AS id, coalesce(max(sf_email), max(mk_email)) AS email, coalesce(max(sf_first), max(mk_first)) AS first_name,
              coalesce(max(sf_last), max(mk_last)) AS last_name, coalesce(max(sf_title), max(mk_title)) AS title,
              max(country) AS country, max(opted_out) AS opted_out
       FROM source_rows GROUP BY person_id`,
    `CREATE TABLE links AS
       SELECT account_id, person_id, bool_or(is_direct) AS is_direct, flatten(list(roles)) AS roles FROM (
         SELECT AccountId AS account_id, Id AS person_id, true AS is_direct, []::VARCHAR[] AS roles FROM raw_sf_contacts WHERE AccountId IS NOT NULL
         UNION ALL SELECT AccountId, ContactId, IsDirect, string_split(Roles, ';') FROM raw_acr
         UNION ALL SELECT m.sfdcAccountId, pm.person_id, true, []::VARCHAR[] FROM raw_mkto_leads m
           JOIN person_map pm ON pm.namespace = 'marketo.lead' AND pm.value = CAST(m.id AS VARCHAR) WHERE m.sfdcAccountId IS NOT NULL
       ) GROUP BY account_id, person_id`,
    `CREATE TABLE opportunity_roles AS
       SELECT r.*, pm.person_id FROM raw_roles r JOIN person_map pm ON pm.namespace = 'salesforce.contact' AND pm.value = r.ContactId`,
    `CREATE TABLE person_events AS
       SELECT 'marketo:' || a.marketoGUID AS id, pm.person_id, t.name AS type, a.activityDate AS occurred_at, a.primaryAttributeValue, a.attributes
       FROM raw_activities a
       JOIN person_map pm ON pm.namespace = 'marketo.lead' AND pm.value = CAST(a.leadId AS VARCHAR)
       JOIN (VALUES (1, 'Visit Webpage'), (2, 'Fill Out Form'), (3, 'Click Link'), (7, 'Email Delivered'), (10, 'Open Email'), (11, 'Click Email'), (100001, 'Attend Webinar')) t(type_id, name)
         ON t.type_id = a.activityTypeId`,
    `CREATE TABLE account_events AS
       SELECT a.Id AS account_id, 'Intent Surge' AS type, i.observedAt AS occurred_at, i.topic, i.score
       FROM intent i JOIN accounts a ON a.domain_key = ${domainOf("i.domain")} WHERE i.score >= 70`,
  ];
}

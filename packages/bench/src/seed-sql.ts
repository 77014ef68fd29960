import { subDays, subMonths } from "date-fns";
import { BIG_DEAL_AMOUNT, BUYING_GROUP_TITLES, COMPETITOR_VENDORS, ENGAGEMENT_EVENT_TYPES, LATE_STAGES } from "@abm-kit/examples/audiences";

/** A hand-written baseline query: SQL with `$n` parameters and their values. */
export interface BaselineQuery {
  readonly sql: string;
  readonly params: readonly (string | number)[];
}

const ENGAGEMENT = ENGAGEMENT_EVENT_TYPES;
const lower = (values: readonly string[]) => values.map((v) => v.toLowerCase());

const day = (d: Date) => d.toISOString().slice(0, 10);
const list = (from: number, count: number) => Array.from({ length: count }, (_, i) => `$${from + i}`).join(", ");

/**
 * The seed audiences written by hand in DuckDB SQL over the baseline's tables
 * (see duckdb-tables.ts), following abm-kit's semantics: windows inclusive at
 * both ends, dates compared by calendar day, a comparison with a missing value
 * false, calendar months as date-fns counts them. Keyed by audience id.
 */
export function seedBaselineQueries(nowIso: string): Record<string, BaselineQuery> {
  const now = new Date(nowIso);
  const ts = (d: Date) => d.toISOString();
  const engagedPeople = (minimum: number): BaselineQuery => ({
    sql: `SELECT l.account_id AS id FROM links l JOIN person_events e ON e.person_id = l.person_id
          WHERE e.type IN (${list(1, ENGAGEMENT.length)}) AND e.occurred_at BETWEEN $${ENGAGEMENT.length + 1}::TIMESTAMP_MS AND $${ENGAGEMENT.length + 2}::TIMESTAMP_MS
          GROUP BY l.account_id HAVING count(DISTINCT l.person_id) >= $${ENGAGEMENT.length + 3} ORDER BY id`,
    params: [...ENGAGEMENT, ts(subDays(now, 30)), ts(now), minimum],
  });
  return {
    "buying-group-gaps": {
      sql: `SELECT a.id FROM accounts a WHERE a.industry = 'Software' AND NOT EXISTS (
              SELECT 1 FROM links l JOIN persons p ON p.id = l.person_id
              WHERE l.account_id = a.id AND lower(p.title) IN (${list(1, BUYING_GROUP_TITLES.length)})) ORDER BY a.id`,
      params: lower(BUYING_GROUP_TITLES),
    },
    "cross-sell-data-hub": {
      sql: `SELECT a.id FROM accounts a
            WHERE EXISTS (SELECT 1 FROM owned_products o WHERE o.account_id = a.id AND o.product = 'Analytics Cloud'
                          AND o.purchase_date BETWEEN $1::DATE AND $2::DATE)
              AND NOT EXISTS (SELECT 1 FROM owned_products o WHERE o.account_id = a.id AND o.product = 'Data Hub')
            ORDER BY a.id`,
      params: [day(subMonths(now, 9)), day(subMonths(now, 3))],
    },
    "competitive-displacement": {
      sql: `SELECT a.id FROM accounts a WHERE NOT coalesce(a.type = 'Customer', false) AND EXISTS (
              SELECT 1 FROM technographics t WHERE t.reg_domain = a.reg_domain
              AND lower(t.category) = 'marketing automation' AND lower(t.vendor) IN (${list(1, COMPETITOR_VENDORS.length)})) ORDER BY a.id`,
      params: lower(COMPETITOR_VENDORS),
    },
    ...Object.fromEntries([1, 2, 3, 4, 5, 6].map((n) => [`engaged-people-${n}-plus`, engagedPeople(n)])),
    "intent-in-market": {
      sql: `SELECT a.id FROM accounts a WHERE
              EXISTS (SELECT 1 FROM intent i WHERE i.reg_domain = a.reg_domain AND i.score >= 70 AND i.observed_at BETWEEN $1::DATE AND $2::DATE)
              OR EXISTS (SELECT 1 FROM account_events e WHERE e.account_id = a.id AND e.type = 'Intent Surge'
                         AND e.occurred_at BETWEEN $3::TIMESTAMP_MS AND $4::TIMESTAMP_MS)
            ORDER BY a.id`,
      params: [day(subDays(now, 30)), day(now), ts(subDays(now, 14)), ts(now)],
    },
    customers: { sql: `SELECT id FROM accounts WHERE type = 'Customer' ORDER BY id`, params: [] },
    "late-stage-opportunities": {
      sql: `SELECT a.id FROM accounts a WHERE EXISTS (SELECT 1 FROM opportunities o WHERE o.account_id = a.id
              AND o.stage IN (${list(1, LATE_STAGES.length)}) AND NOT coalesce(o.is_closed, false)) ORDER BY a.id`,
      params: LATE_STAGES,
    },
    "recent-wins": {
      sql: `SELECT a.id FROM accounts a WHERE EXISTS (SELECT 1 FROM opportunities o WHERE o.account_id = a.id
              AND o.is_won AND o.close_date BETWEEN $1::DATE AND $2::DATE) ORDER BY a.id`,
      params: [day(subDays(now, 90)), day(now)],
    },
    icp: {
      sql: `SELECT id FROM accounts WHERE industry IN ('Software', 'Financial Services', 'Healthcare') AND employee_count >= 500 ORDER BY id`,
      params: [],
    },
    "marketing-leaders-enterprise-software": {
      sql: `SELECT p.id FROM persons p WHERE
              (lower(p.title) = 'cmo' OR (lower(p.title) LIKE '%marketing%'
                AND regexp_matches(p.title, '^(Chief|SVP|EVP|VP|Vice President|Head|Director)\\b', 'i')))
              AND p.consent_email = 'granted'
              AND EXISTS (SELECT 1 FROM links l JOIN accounts a ON a.id = l.account_id
                          WHERE l.person_id = p.id AND a.industry = 'Software' AND a.employee_count >= 1000)
            ORDER BY p.id`,
      params: [],
    },
    "buying-committees-big-open-deals": {
      sql: `SELECT p.id FROM persons p WHERE EXISTS (SELECT 1 FROM opportunity_roles r JOIN opportunities o ON o.id = r.opportunity_id
              WHERE r.person_id = p.id AND o.is_closed = false AND o.amount >= $1) ORDER BY p.id`,
      params: [BIG_DEAL_AMOUNT],
    },
  };
}

/** Derived columns the baseline computes once at load (as the Snapshot does at build): registrable domains. */
export const BASELINE_DERIVED_COLUMNS = [
  `ALTER TABLE accounts ADD COLUMN reg_domain VARCHAR`,
  `UPDATE accounts SET reg_domain = regexp_extract(lower(domain), '([a-z0-9-]+\\.[a-z]{2,})(?:[:/]|$)', 1)`,
  `ALTER TABLE intent ADD COLUMN reg_domain VARCHAR`,
  `UPDATE intent SET reg_domain = regexp_extract(lower(domain), '([a-z0-9-]+\\.[a-z]{2,})(?:[:/]|$)', 1)`,
  `ALTER TABLE technographics ADD COLUMN reg_domain VARCHAR`,
  `UPDATE technographics SET reg_domain = regexp_extract(lower(domain), '([a-z0-9-]+\\.[a-z]{2,})(?:[:/]|$)', 1)`,
];

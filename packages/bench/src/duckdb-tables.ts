import {
  BOOLEAN,
  DATE,
  DOUBLE,
  DuckDBDataChunk,
  DuckDBDateValue,
  DuckDBTimestampMillisecondsValue,
  LIST,
  listValue,
  TIMESTAMP_MS,
  VARCHAR,
  type DuckDBConnection,
  type DuckDBType,
  type DuckDBValue,
} from "@duckdb/node-api";
import type { SyntheticDataset } from "./dataset.js";

type ColumnType = "VARCHAR" | "DOUBLE" | "BOOLEAN" | "TIMESTAMP_MS" | "DATE" | "VARCHAR[]";
type Columns = Record<string, ColumnType>;

/** The baseline's table layout: the same unified rows the Snapshot holds. */
export const DUCKDB_TABLES: Record<string, Columns> = {
  accounts: {
    id: "VARCHAR",
    name: "VARCHAR",
    domain: "VARCHAR",
    industry: "VARCHAR",
    employee_count: "DOUBLE",
    annual_revenue: "DOUBLE",
    country: "VARCHAR",
    type: "VARCHAR",
  },
  persons: { id: "VARCHAR", email: "VARCHAR", first_name: "VARCHAR", last_name: "VARCHAR", title: "VARCHAR", country: "VARCHAR", consent_email: "VARCHAR" },
  links: { account_id: "VARCHAR", person_id: "VARCHAR", is_direct: "BOOLEAN", roles: "VARCHAR[]" },
  opportunities: { id: "VARCHAR", account_id: "VARCHAR", stage: "VARCHAR", amount: "DOUBLE", close_date: "DATE", is_closed: "BOOLEAN", is_won: "BOOLEAN" },
  opportunity_roles: { opportunity_id: "VARCHAR", person_id: "VARCHAR", role: "VARCHAR", is_primary: "BOOLEAN" },
  person_events: { id: "VARCHAR", person_id: "VARCHAR", type: "VARCHAR", occurred_at: "TIMESTAMP_MS", webpage: "VARCHAR", form: "VARCHAR", email: "VARCHAR" },
  account_events: { id: "VARCHAR", account_id: "VARCHAR", type: "VARCHAR", occurred_at: "TIMESTAMP_MS", topic: "VARCHAR", score: "DOUBLE" },
  owned_products: { account_id: "VARCHAR", product: "VARCHAR", product_family: "VARCHAR", purchase_date: "DATE", status: "VARCHAR" },
  intent: { domain: "VARCHAR", topic: "VARCHAR", score: "DOUBLE", observed_at: "DATE" },
  technographics: { domain: "VARCHAR", technology: "VARCHAR", category: "VARCHAR", vendor: "VARCHAR" },
  // the exporting systems' shapes, for the identity benchmark
  raw_sf_contacts: {
    id: "VARCHAR",
    email: "VARCHAR",
    first_name: "VARCHAR",
    last_name: "VARCHAR",
    title: "VARCHAR",
    country: "VARCHAR",
    consent_email: "VARCHAR",
  },
  raw_mkto_leads: { id: "VARCHAR", email: "VARCHAR", first_name: "VARCHAR", last_name: "VARCHAR", title: "VARCHAR", sfdc_contact_id: "VARCHAR" },
  raw_contact_account: { contact_id: "VARCHAR", account_id: "VARCHAR" },
  raw_acr: { contact_id: "VARCHAR", account_id: "VARCHAR", roles: "VARCHAR[]" },
  raw_lead_account: { lead_id: "VARCHAR", account_id: "VARCHAR" },
  raw_events: {
    id: "VARCHAR",
    owner_namespace: "VARCHAR",
    owner_value: "VARCHAR",
    type: "VARCHAR",
    occurred_at: "TIMESTAMP_MS",
    webpage: "VARCHAR",
    form: "VARCHAR",
    email: "VARCHAR",
  },
};

const DAY = 86_400_000;
const VARCHAR_LIST = LIST(VARCHAR);

const TYPES: Record<ColumnType, DuckDBType> = {
  VARCHAR,
  DOUBLE,
  BOOLEAN,
  TIMESTAMP_MS,
  DATE,
  "VARCHAR[]": VARCHAR_LIST,
};

function toValue(type: ColumnType, value: unknown): DuckDBValue {
  if (value === undefined || value === null) return null;
  switch (type) {
    case "VARCHAR":
      return String(value);
    case "DOUBLE":
    case "BOOLEAN":
      return value as number | boolean;
    case "TIMESTAMP_MS":
      return new DuckDBTimestampMillisecondsValue(BigInt(Date.parse(value as string)));
    case "DATE":
      return new DuckDBDateValue(Math.floor(Date.parse(`${value as string}T00:00:00Z`) / DAY));
    case "VARCHAR[]":
      return listValue(value as string[]);
  }
}

const CHUNK_ROWS = 2048;

/** Appends rows through DuckDB's columnar path: data chunks of 2,048 rows. */
export async function load(connection: DuckDBConnection, table: string, rows: Iterable<Record<string, unknown>>): Promise<void> {
  const columns = Object.entries(DUCKDB_TABLES[table]!);
  await connection.run(`CREATE OR REPLACE TABLE ${table} (${columns.map(([name, type]) => `${name} ${type}`).join(", ")})`);
  const appender = await connection.createAppender(table);
  const types = columns.map(([, type]) => TYPES[type]);
  let buffers: DuckDBValue[][] = columns.map(() => []);
  const flush = () => {
    if (buffers[0]!.length === 0) return;
    const chunk = DuckDBDataChunk.create(types, buffers[0]!.length);
    chunk.setColumns(buffers);
    appender.appendDataChunk(chunk);
    buffers = columns.map(() => []);
  };
  for (const row of rows) {
    for (let c = 0; c < columns.length; c++) buffers[c]!.push(toValue(columns[c]![1], row[columns[c]![0]]));
    if (buffers[0]!.length === CHUNK_ROWS) flush();
  }
  flush();
  appender.closeSync();
}

/** Loads the synthetic data set's unified rows into DuckDB tables (the baseline's input). */
export async function loadIntoDuckDB(connection: DuckDBConnection, data: SyntheticDataset): Promise<void> {
  await load(
    connection,
    "accounts",
    map(data.accounts(), (a) => ({ ...a, employee_count: a.employeeCount, annual_revenue: a.annualRevenue })),
  );
  await load(
    connection,
    "persons",
    map(data.persons(), (p) => ({ ...p, first_name: p.firstName, last_name: p.lastName, consent_email: p.consent.email })),
  );
  await load(
    connection,
    "links",
    map(data.links(), (l) => ({ account_id: l.accountId, person_id: l.personId, is_direct: l.isDirect, roles: l.roles ?? [] })),
  );
  await load(
    connection,
    "opportunities",
    map(data.opportunities(), (o) => ({ ...o, account_id: o.accountId, close_date: o.closeDate, is_closed: o.isClosed, is_won: o.isWon })),
  );
  await load(
    connection,
    "opportunity_roles",
    map(data.opportunityRoles(), (r) => ({ opportunity_id: r.opportunityId, person_id: r.personId, role: r.role, is_primary: r.isPrimary })),
  );
  await load(
    connection,
    "person_events",
    map(data.events(), (e) => ({ id: e.id, person_id: e.personId, type: e.type, occurred_at: e.occurredAt, ...e.properties })),
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
}

function* map<T, U>(items: Iterable<T>, f: (item: T) => U): Iterable<U> {
  for (const item of items) yield f(item);
}

import { relatedTableName, type ContextKind } from "@abm-kit/audience";
import type { SqlEntityTable } from "../layout/layout.js";
import { relatedOwnersSqlTable, relatedSqlTable, TABLE_NAMES, TABLES_WITH_IDS } from "../layout/table-names.js";
import { fieldColumn, type SqlCompileContext, type SqlScope } from "./context.js";

/** A followed relation: the target rows' scope, the FROM list that holds them, and the condition tying them to the source row. */
export interface SqlRelation {
  readonly target: SqlScope;
  readonly tables: string;
  readonly link: string;
}

const ENTITY_TABLE: Partial<Record<ContextKind, SqlEntityTable>> = {
  account: "accounts",
  person: "persons",
  link: "links",
  opportunity: "opportunities",
  opportunityRole: "opportunityRoles",
  campaign: "campaigns",
  campaignMember: "campaignMembers",
};

/** The scope of rows of an entity kind under a fresh alias. */
export function entityScope(context: SqlCompileContext, kind: Exclude<ContextKind, "related" | "event">, alias = context.alias()): SqlScope {
  const table = ENTITY_TABLE[kind]!;
  return { kind, alias, fields: context.layout[table], hasIds: TABLES_WITH_IDS.has(table), label: kind };
}

/** `table AS alias` for an entity kind. */
export function entityFrom(context: SqlCompileContext, kind: Exclude<ContextKind, "related" | "event">, alias: string): string {
  return `${context.dialect.quote(TABLE_NAMES[ENTITY_TABLE[kind]!])} AS ${alias}`;
}

/** The SQL of an active link's test (a link without `isActive` counts as active). */
export function activeLink(context: SqlCompileContext, alias: string): string {
  return `COALESCE(${fieldColumn(context, alias, context.layout.links, "isActive")}, TRUE)`;
}

/** Follows `relation` from `from`, or returns why it cannot be followed. */
export function relationSql(context: SqlCompileContext, from: SqlScope, relation: string): SqlRelation | string {
  const q = context.dialect.quote;
  const src = from.alias;
  const tableName = relatedTableName(relation);
  if (tableName !== undefined) {
    const related = context.layout.related[tableName];
    if (related === undefined) return `the snapshot has no related table ${JSON.stringify(tableName)}`;
    if (related.ownerKind !== from.kind) return `related table ${tableName} belongs to ${related.ownerKind} rows, not ${from.label} rows`;
    const alias = context.alias();
    const owners = `${alias}o`;
    return {
      target: { kind: "related", alias, fields: related.fields, hasIds: false, label: relation },
      tables: `${q(relatedSqlTable(tableName))} AS ${alias} JOIN ${q(relatedOwnersSqlTable(tableName))} AS ${owners} ON ${owners}._row = ${alias}._row`,
      link: `${owners}._owner_id = ${src}.id`,
    };
  }
  const to = (
    kind: Exclude<ContextKind, "related" | "event">,
    link: (alias: string) => string,
    through?: (alias: string) => { join: string; link: string },
  ): SqlRelation => {
    const target = entityScope(context, kind);
    if (through === undefined) return { target, tables: entityFrom(context, kind, target.alias), link: link(target.alias) };
    const j = through(target.alias);
    return { target, tables: `${entityFrom(context, kind, target.alias)} ${j.join}`, link: j.link };
  };
  const viaLinks = (mine: "_account_id" | "_person_id", theirs: "_account_id" | "_person_id") => (alias: string) => {
    const l = `${alias}l`;
    return { join: `JOIN ${q(TABLE_NAMES.links)} AS ${l} ON ${l}.${theirs} = ${alias}.id`, link: `${l}.${mine} = ${src}.id AND ${activeLink(context, l)}` };
  };
  switch (`${from.kind}.${relation}`) {
    case "account.people":
      return to("person", () => "", viaLinks("_account_id", "_person_id"));
    case "person.accounts":
      return to("account", () => "", viaLinks("_person_id", "_account_id"));
    case "account.links":
      return to("link", (t) => `${t}._account_id = ${src}.id`);
    case "person.links":
      return to("link", (t) => `${t}._person_id = ${src}.id`);
    case "account.opportunities":
      return to("opportunity", (t) => `${t}._account_id = ${src}.id`);
    case "person.opportunityRoles":
      return to("opportunityRole", (t) => `${t}._person_id = ${src}.id`);
    case "person.campaignMembers":
      return to("campaignMember", (t) => `${t}._person_id = ${src}.id`);
    case "link.account":
      return to("account", (t) => `${t}.id = ${src}._account_id`);
    case "link.person":
      return to("person", (t) => `${t}.id = ${src}._person_id`);
    case "opportunity.account":
      return to("account", (t) => `${t}.id = ${src}._account_id`);
    case "opportunity.opportunityRoles":
      return to("opportunityRole", (t) => `${t}._opportunity_id = ${src}.id`);
    case "opportunityRole.opportunity":
      return to("opportunity", (t) => `${t}.id = ${src}._opportunity_id`);
    case "opportunityRole.person":
      return to("person", (t) => `${t}.id = ${src}._person_id`);
    case "campaign.campaignMembers":
      return to("campaignMember", (t) => `${t}._campaign_id = ${src}.id`);
    case "campaignMember.campaign":
      return to("campaign", (t) => `${t}.id = ${src}._campaign_id`);
    case "campaignMember.person":
      return to("person", (t) => `${t}.id = ${src}._person_id`);
    default:
      return `relation ${JSON.stringify(relation)} cannot be followed from ${from.label} rows`;
  }
}

import type { FieldDefinition, FieldDefinitions } from "./values.js";

/** The kinds of rows a Snapshot holds. */
export type EntityKind = "account" | "person" | "link" | "opportunity" | "opportunityRole" | "campaign" | "campaignMember" | "event";

const f = (type: FieldDefinition["type"], labels?: string[]): FieldDefinition => (labels ? { type, labels } : { type });

/**
 * The standard fields of each entity kind as Snapshot columns, with their types
 * and default data-usage labels. Open attributes (custom fields) sit beside
 * them under their own names; an attribute may not reuse a standard name.
 */
export const STANDARD_FIELDS: Readonly<Record<EntityKind, FieldDefinitions>> = {
  account: {
    name: f("string"),
    domain: f("string"),
    industry: f("string"),
    employeeCount: f("number"),
    annualRevenue: f("number"),
    country: f("string"),
    duns: f("string"),
    type: f("string"),
    ownerId: f("string"),
    parentAccountId: f("string"),
    createdAt: f("instant"),
    updatedAt: f("instant"),
  },
  person: {
    email: f("string", ["I1"]),
    firstName: f("string", ["I1"]),
    lastName: f("string", ["I1"]),
    title: f("string"),
    jobFunction: f("string"),
    seniority: f("string"),
    department: f("string"),
    phone: f("string", ["I1"]),
    country: f("string"),
    city: f("string", ["S2"]),
    createdAt: f("instant"),
    updatedAt: f("instant"),
  },
  link: {
    roles: f("multi"),
    isDirect: f("boolean"),
    isActive: f("boolean"),
    isPrimary: f("boolean"),
    startDate: f("date"),
    endDate: f("date"),
    reasons: f("multi"),
  },
  opportunity: {
    name: f("string"),
    stage: f("string"),
    amount: f("number"),
    currency: f("string"),
    closeDate: f("date"),
    isClosed: f("boolean"),
    isWon: f("boolean"),
    type: f("string"),
    probability: f("number"),
    createdAt: f("instant"),
  },
  opportunityRole: {
    role: f("string"),
    isPrimary: f("boolean"),
  },
  campaign: {
    name: f("string"),
    type: f("string"),
    status: f("string"),
    startDate: f("date"),
    endDate: f("date"),
    isActive: f("boolean"),
  },
  campaignMember: {
    status: f("string"),
    hasResponded: f("boolean"),
    firstRespondedAt: f("instant"),
    createdAt: f("instant"),
  },
  event: {},
};

/** Person consent is held in one string column per channel, named `consent.<channel>`. */
export const CONSENT_COLUMN_PREFIX = "consent.";

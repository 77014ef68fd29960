import { describe, expect, it } from "vitest";
import {
  AccountSchema,
  ActivityEventSchema,
  entityJsonSchema,
  entitySchemas,
  OpportunitySchema,
  PersonSchema,
  ValidationError,
  parseOrThrow,
  type EntitySchemaName,
} from "@abm-kit/core";

const examples: Record<EntitySchemaName, unknown> = {
  Account: {
    id: "0015g00000AbCdEAAV",
    name: "Acme Robotics",
    domain: "https://www.acme.com/about",
    industry: "Software",
    employeeCount: 1200,
    annualRevenue: 250_000_000,
    duns: "150483782",
    createdAt: "2024-01-05T10:00:00.000Z",
    attributes: { Tier__c: "Gold", Regions__c: ["EMEA", "NA"], IsStrategic__c: true, Score__c: 87.5, Renewal__c: null },
    sourceKeys: [{ system: "salesforce", instance: "00D5g000004XyZ", object: "Account", id: "0015g00000AbCdEAAV" }],
  },
  Person: {
    id: "p-1",
    email: "Jane.Doe@acme.com",
    firstName: "Jane",
    lastName: "Doe",
    title: "Chief Marketing Officer",
    consent: { email: "denied", advertising: "granted" },
    sourceKeys: [{ system: "marketo", instance: "123-ABC-456", object: "Lead", id: "1001" }],
  },
  AccountPersonRelation: {
    accountId: "a",
    personId: "p",
    roles: ["Decision Maker"],
    isDirect: false,
    isActive: true,
    startDate: "2025-01-01",
    reason: "salesforce.AccountContactRelation",
  },
  Opportunity: { id: "o", accountId: "a", stage: "Closed Won", amount: 50_000, currency: "USD", closeDate: "2026-02-28", isClosed: true, isWon: true },
  OpportunityPersonRole: { opportunityId: "o", personId: "p", role: "Economic Buyer", isPrimary: true },
  Campaign: { id: "c", name: "Webinar Q4", type: "Webinar", startDate: "2026-10-01" },
  CampaignMember: { campaignId: "c", personId: "p", status: "Attended", hasResponded: true, firstRespondedAt: "2026-10-02T15:00:00+00:00" },
  ActivityEvent: { id: "e", type: "Visit Webpage", occurredAt: "2026-11-01T08:00:00.000Z", personId: "p", properties: { webpage: "/pricing", duration: 30 } },
  RelatedTableDefinition: { name: "intent", keyedBy: "domain", fields: { topic: { type: "string" }, score: { type: "number", labels: ["C9"] } } },
  RelatedRow: { key: "acme.com", values: { topic: "CRM", score: 80 } },
};

describe("entity schemas", () => {
  for (const name of Object.keys(entitySchemas) as EntitySchemaName[]) {
    it(`${name}: a valid record round-trips through JSON unchanged`, () => {
      const parsed = entitySchemas[name].parse(examples[name]);
      expect(parsed).toEqual(examples[name]);
      expect(entitySchemas[name].parse(JSON.parse(JSON.stringify(parsed)))).toEqual(parsed);
    });

    it(`${name}: exports a JSON Schema listing its fields`, () => {
      const schema = entityJsonSchema(name);
      expect(schema.$schema).toContain("json-schema.org");
      const properties = Object.keys((schema.properties ?? {}) as object);
      for (const field of Object.keys(examples[name] as object)) expect(properties).toContain(field);
    });
  }

  it("names every problem with its path", () => {
    const result = AccountSchema.safeParse({ id: "", employeeCount: -1, createdAt: "yesterday", attributes: { X: { nested: true } } });
    expect(result.success).toBe(false);
    const paths = result.error!.issues.map((i) => i.path.join("."));
    expect(paths).toEqual(expect.arrayContaining(["id", "employeeCount", "createdAt", "attributes.X"]));
  });

  it("parseOrThrow raises a ValidationError with code and paths", () => {
    let caught: unknown;
    try {
      parseOrThrow(OpportunitySchema, { id: "o", amount: "lots", closeDate: "2026-13-01" }, "opportunity");
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ValidationError);
    const error = caught as ValidationError;
    expect(error.code).toBe("VALIDATION_FAILED");
    expect(error.problems.map((p) => p.path.join("."))).toEqual(expect.arrayContaining(["amount", "closeDate"]));
    expect(error.message).toContain("amount");
  });

  it("an event is owned by exactly one of person and account", () => {
    const base = { id: "e", type: "t", occurredAt: "2026-01-01T00:00:00Z" };
    expect(ActivityEventSchema.safeParse(base).success).toBe(false);
    expect(ActivityEventSchema.safeParse({ ...base, personId: "p", accountId: "a" }).success).toBe(false);
    expect(ActivityEventSchema.safeParse({ ...base, accountId: "a" }).success).toBe(true);
  });

  it("consent states are limited to granted, denied and unknown", () => {
    expect(PersonSchema.safeParse({ id: "p", consent: { email: "maybe" } }).success).toBe(false);
  });
});

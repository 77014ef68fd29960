import type { RelatedTableDefinition } from "@abm-kit/core";
import { Random } from "./random.js";

/** The benchmark's clock: every window is measured back from here. */
export const BENCH_NOW = "2026-11-20T12:00:00.000Z";
const NOW_MS = Date.parse(BENCH_NOW);
const DAY = 86_400_000;

/** Row counts at scale 1 (100k accounts / 1M persons / 10M person events). */
export const FULL_SCALE = { accounts: 100_000, personsPerAccount: 10, eventsPerPerson: 10, opportunitiesPerAccount: 2 } as const;

const INDUSTRIES = ["Software", "Financial Services", "Healthcare", "Manufacturing", "Retail", "Education", "Energy", "Media"];
const ACCOUNT_TYPES = ["Prospect", "Prospect", "Prospect", "Customer", "Partner"];
const COUNTRIES = ["US", "GB", "DE", "FR", "CA", "AU", "JP", "NL"];
const TITLES = [
  "Chief Marketing Officer",
  "CMO",
  "Chief Information Officer",
  "CIO",
  "VP Marketing",
  "Director of Marketing",
  "Marketing Manager",
  "Director of IT",
  "IT Manager",
  "Software Engineer",
  "Data Analyst",
  "Sales Manager",
  "Account Executive",
  "CFO",
  "Procurement Lead",
  "Operations Manager",
];
const EVENT_TYPES = [
  "Visit Webpage",
  "Visit Webpage",
  "Visit Webpage",
  "Open Email",
  "Open Email",
  "Click Email",
  "Email Delivered",
  "Fill Out Form",
  "Click Link",
  "Attend Webinar",
];
const PAGES = ["/pricing", "/product", "/blog/abm", "/docs", "/customers", "/demo", "/careers"];
const STAGES = ["Prospecting", "Qualification", "Proposal/Price Quote", "Negotiation/Review", "Closed Won", "Closed Lost"];
const PRODUCTS = ["Analytics Cloud", "Data Hub", "Marketing Cloud", "Service Cloud", "Platform"];
const TOPICS = ["Marketing Automation", "ABM", "CRM", "Data Warehouse", "Customer Data Platform", "Intent Data"];
const TECHNOLOGIES = [
  { technology: "Sales Cloud", category: "CRM", vendor: "Salesforce" },
  { technology: "HubSpot Marketing Hub", category: "Marketing Automation", vendor: "HubSpot" },
  { technology: "Eloqua", category: "marketing automation", vendor: "Oracle" },
  { technology: "Marketo Engage", category: "Marketing Automation", vendor: "Adobe" },
  { technology: "Snowflake", category: "Data Warehouse", vendor: "Snowflake" },
  { technology: "Pardot", category: "Marketing Automation", vendor: "salesforce" },
];

/** The related tables of the synthetic data set. */
export const BENCH_RELATED_TABLES: RelatedTableDefinition[] = [
  {
    name: "ownedProducts",
    keyedBy: "account",
    fields: { product: { type: "string" }, productFamily: { type: "string" }, purchaseDate: { type: "date" }, status: { type: "string" } },
  },
  { name: "intent", keyedBy: "domain", fields: { topic: { type: "string" }, score: { type: "number" }, observedAt: { type: "date" } } },
  { name: "technographics", keyedBy: "domain", fields: { technology: { type: "string" }, category: { type: "string" }, vendor: { type: "string" } } },
];

const pad = (n: number) => String(n).padStart(7, "0");
const isoDate = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/**
 * A deterministic synthetic B2B data set at a scale factor (1 = 100k accounts,
 * 1M persons, 10M person events, 200k opportunities, 1.6M related rows). Every
 * record is computed from its index and the seed, so the data are generated as
 * streams — no array of every row is ever built.
 */
export class SyntheticDataset {
  readonly accountCount: number;
  readonly personCount: number;
  readonly eventCount: number;
  readonly opportunityCount: number;

  constructor(
    readonly scale: number,
    readonly seed = 42,
  ) {
    this.accountCount = Math.max(1, Math.round(FULL_SCALE.accounts * scale));
    this.personCount = this.accountCount * FULL_SCALE.personsPerAccount;
    this.eventCount = this.personCount * FULL_SCALE.eventsPerPerson;
    this.opportunityCount = this.accountCount * FULL_SCALE.opportunitiesPerAccount;
  }

  private random(stream: number, index: number): Random {
    return new Random(Math.imul(this.seed ^ Math.imul(stream, 0x9e3779b1), 0x85ebca6b) ^ Math.imul(index + 1, 0xc2b2ae35));
  }

  accountId(i: number): string {
    return `acc-${pad(i)}`;
  }

  personId(i: number): string {
    return `per-${pad(i)}`;
  }

  domainOf(i: number): string {
    return `company${i}.com`;
  }

  /** The account a person works at. */
  homeAccountOf(person: number): number {
    return Math.floor(person / FULL_SCALE.personsPerAccount);
  }

  *accounts() {
    for (let i = 0; i < this.accountCount; i++) {
      const r = this.random(1, i);
      const spelling = r.int(3);
      const domain = this.domainOf(i);
      yield {
        id: this.accountId(i),
        name: `Company ${i}`,
        domain: spelling === 0 ? domain : spelling === 1 ? `https://www.${domain}/about` : domain.toUpperCase(),
        industry: r.pick(INDUSTRIES),
        employeeCount: Math.floor(10 + r.next() ** 3 * 20_000),
        annualRevenue: Math.floor(r.next() * 1e9),
        country: r.pick(COUNTRIES),
        type: r.pick(ACCOUNT_TYPES),
      };
    }
  }

  *persons() {
    for (let i = 0; i < this.personCount; i++) {
      const r = this.random(2, i);
      const optOut = r.chance(0.08);
      yield {
        id: this.personId(i),
        email: `person${i}@${this.domainOf(this.homeAccountOf(i))}`,
        firstName: `First${i % 1000}`,
        lastName: `Last${i % 997}`,
        title: r.pick(TITLES),
        country: r.pick(COUNTRIES),
        consent: { email: optOut ? ("denied" as const) : r.chance(0.5) ? ("granted" as const) : ("unknown" as const) },
      };
    }
  }

  /** Each person's direct link to their account; 5% also have an indirect link to another account. */
  *links() {
    for (let i = 0; i < this.personCount; i++) {
      const r = this.random(3, i);
      yield { accountId: this.accountId(this.homeAccountOf(i)), personId: this.personId(i), isDirect: true, reason: "crm.contact" };
      if (r.chance(0.05)) {
        yield {
          accountId: this.accountId(r.int(this.accountCount)),
          personId: this.personId(i),
          isDirect: false,
          roles: ["Influencer"],
          reason: "crm.accountContactRelation",
        };
      }
    }
  }

  *opportunities() {
    for (let i = 0; i < this.opportunityCount; i++) {
      const r = this.random(4, i);
      const stage = r.pick(STAGES);
      const closed = stage.startsWith("Closed");
      yield {
        id: `opp-${pad(i)}`,
        accountId: this.accountId(Math.floor(i / FULL_SCALE.opportunitiesPerAccount)),
        stage,
        amount: Math.floor(5_000 + r.next() * 500_000),
        currency: "USD",
        closeDate: isoDate(NOW_MS + (r.next() - 0.7) * 365 * DAY),
        isClosed: closed,
        isWon: stage === "Closed Won",
      };
    }
  }

  /** One contact role per opportunity, a person of the opportunity's account. */
  *opportunityRoles() {
    for (let i = 0; i < this.opportunityCount; i++) {
      const r = this.random(5, i);
      const account = Math.floor(i / FULL_SCALE.opportunitiesPerAccount);
      const person = account * FULL_SCALE.personsPerAccount + r.int(FULL_SCALE.personsPerAccount);
      yield {
        opportunityId: `opp-${pad(i)}`,
        personId: this.personId(person),
        role: r.chance(0.3) ? "Economic Buyer" : "Influencer",
        isPrimary: r.chance(0.3),
      };
    }
  }

  /** Person events, spread over the year before now (a few after it, to be ignored). */
  *events() {
    const perPerson = FULL_SCALE.eventsPerPerson;
    for (let p = 0; p < this.personCount; p++) {
      const r = this.random(6, p);
      const personId = this.personId(p);
      // a tenth of persons are "hot" (their activity is recent), half are dormant (nothing in the last 60 days)
      const heat = r.next();
      for (let k = 0; k < perPerson; k++) {
        const type = r.pick(EVENT_TYPES);
        const age = heat < 0.1 ? r.next() * 45 * DAY : heat < 0.6 ? (60 + r.next() * 305) * DAY : r.next() * 365 * DAY;
        const properties: Record<string, string> = {};
        if (type === "Visit Webpage") properties.webpage = r.pick(PAGES);
        else if (type === "Fill Out Form") properties.form = r.chance(0.5) ? "Demo Request" : "Contact Us";
        else if (type !== "Click Link") properties.email = `Newsletter ${r.int(12) + 1}`;
        yield { id: `ev-${p * perPerson + k}`, type, occurredAt: new Date(NOW_MS - age + (r.chance(0.01) ? 2 * DAY : 0)).toISOString(), personId, properties };
      }
    }
  }

  /** Intent surges owned directly by accounts (half the accounts, one each). */
  *accountEvents() {
    for (let i = 0; i < this.accountCount; i += 2) {
      const r = this.random(7, i);
      yield {
        id: `surge-${i}`,
        type: "Intent Surge",
        occurredAt: new Date(NOW_MS - r.next() * 90 * DAY).toISOString(),
        accountId: this.accountId(i),
        properties: { topic: r.pick(TOPICS), score: r.int(100) },
      };
    }
  }

  *ownedProducts() {
    for (let i = 0; i < this.accountCount; i++) {
      const r = this.random(8, i);
      const count = r.int(4); // 0-3, 1.5 on average
      for (let k = 0; k < count; k++) {
        yield {
          key: this.accountId(i),
          values: { product: r.pick(PRODUCTS), productFamily: "Core", purchaseDate: isoDate(NOW_MS - r.next() * 720 * DAY), status: "Installed" },
        };
      }
    }
  }

  *intent() {
    for (let i = 0; i < this.accountCount; i++) {
      const r = this.random(9, i);
      for (let k = 0; k < 2; k++) {
        yield {
          key: r.chance(0.5) ? this.domainOf(i) : `www.${this.domainOf(i)}`,
          values: { topic: r.pick(TOPICS), score: r.int(101), observedAt: isoDate(NOW_MS - r.next() * 60 * DAY) },
        };
      }
    }
  }

  *technographics() {
    for (let i = 0; i < this.accountCount; i++) {
      const r = this.random(10, i);
      for (let k = 0; k < 2; k++) yield { key: this.domainOf(i), values: r.pick(TECHNOLOGIES) };
    }
  }
}

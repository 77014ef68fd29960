import { fakeId, objectOfId } from "./fake-ids.js";
import { recordError, type RecordError } from "./error-bodies.js";

/** A field as `describe` reports it (`boolean` is a checkbox, `multipicklist` a multi-select picklist). */
export interface FakeField {
  readonly name: string;
  readonly type: "id" | "string" | "textarea" | "boolean" | "multipicklist" | "reference" | "email" | "picklist";
  readonly updateable: boolean;
}

type Value = string | boolean | null;
type SObject = Record<string, Value>;

/** The outcome of one record write. */
export interface SaveOutcome {
  readonly id: string | null;
  readonly errors: readonly RecordError[];
}

const BASE_FIELDS: Readonly<Record<string, readonly FakeField[]>> = {
  Account: [
    { name: "Id", type: "id", updateable: false },
    { name: "Name", type: "string", updateable: true },
  ],
  Contact: [
    { name: "Id", type: "id", updateable: false },
    { name: "Email", type: "email", updateable: true },
  ],
  Lead: [
    { name: "Id", type: "id", updateable: false },
    { name: "Email", type: "email", updateable: true },
  ],
  Campaign: [
    { name: "Id", type: "id", updateable: false },
    { name: "Name", type: "string", updateable: true },
    { name: "IsActive", type: "boolean", updateable: true },
    { name: "Description", type: "textarea", updateable: true },
    { name: "CreatedDate", type: "string", updateable: false },
  ],
  CampaignMember: [
    { name: "Id", type: "id", updateable: false },
    { name: "CampaignId", type: "reference", updateable: false },
    { name: "ContactId", type: "reference", updateable: false },
    { name: "LeadId", type: "reference", updateable: false },
    { name: "Status", type: "picklist", updateable: true },
  ],
};

/**
 * The records of the fake org — Accounts, Contacts, Leads, Campaigns and
 * CampaignMembers — with the field metadata `describe` reports, and the rules
 * a write must pass (the same for sObject Collections and Bulk API 2.0).
 */
export class FakeOrg {
  private readonly records = new Map<string, Map<string, SObject>>();
  private readonly fields = new Map<string, FakeField[]>();
  private counter = 0;
  /** Record ids that answer `UNABLE_TO_LOCK_ROW` to their next write (then work). */
  readonly lockedOnce = new Set<string>();
  /** `DUPLICATE_VALUE` refusals of campaign members that already existed. */
  duplicateMembers = 0;

  constructor() {
    for (const [object, fields] of Object.entries(BASE_FIELDS)) {
      this.records.set(object, new Map());
      this.fields.set(object, [...fields]);
    }
  }

  /** Adds a field to an object's metadata (a custom field created in Setup). */
  addField(object: string, field: FakeField): void {
    this.fields.get(object)?.push(field);
  }

  /** The fields `describe` lists for an object, or `undefined` for an unknown object. */
  describe(object: string): readonly FakeField[] | undefined {
    return this.fields.get(object);
  }

  field(object: string, name: string): FakeField | undefined {
    return this.fields.get(object)?.find((f) => f.name.toLowerCase() === name.toLowerCase());
  }

  /** Adds a record with a given id (seed data). */
  seed(object: string, id: string, values: SObject = {}): void {
    this.records.get(object)?.set(id, { ...values, Id: id });
  }

  /** The records of an object. */
  all(object: string): SObject[] {
    return [...(this.records.get(object)?.values() ?? [])];
  }

  get(object: string, id: string): SObject | undefined {
    return this.records.get(object)?.get(id);
  }

  /** A field of a record, by name in any case. */
  value(record: SObject, field: string): Value | undefined {
    const key = Object.keys(record).find((k) => k.toLowerCase() === field.toLowerCase());
    return key === undefined ? undefined : record[key];
  }

  private lockError(id: string): RecordError | undefined {
    if (!this.lockedOnce.delete(id)) return undefined;
    // REST API guide, "Status Codes and Error Responses": UNABLE_TO_LOCK_ROW, the request may be retried.
    return recordError("UNABLE_TO_LOCK_ROW", "unable to obtain exclusive access to this record or 1 records");
  }

  private checkValues(object: string, values: Readonly<Record<string, unknown>>, creating: boolean): RecordError | undefined {
    for (const [name, value] of Object.entries(values)) {
      if (name === "attributes" || name === "Id") continue;
      const field = this.field(object, name);
      // Unknown fields are refused (INVALID_FIELD), as Salesforce refuses them.
      if (field === undefined) return recordError("INVALID_FIELD", `No such column '${name}' on sobject of type ${object}`, [name]);
      if (!field.updateable && !(creating && field.type === "reference"))
        return recordError("INVALID_FIELD_FOR_INSERT_UPDATE", `Unable to create/update fields: ${name}.`, [name]);
      if (field.type === "boolean" && typeof value !== "boolean")
        return recordError("INVALID_TYPE_ON_FIELD_IN_RECORD", `${name}: value not of required type: ${String(value)}`, [name]);
      if (field.type !== "boolean" && value !== null && typeof value !== "string")
        return recordError("INVALID_TYPE_ON_FIELD_IN_RECORD", `${name}: value not of required type: ${String(value)}`, [name]);
      // A multi-select picklist holds at most 100 values (Salesforce Help, "Custom Field Attributes"); the fake accepts any value (an unrestricted picklist).
      if (field.type === "multipicklist" && typeof value === "string" && value.split(";").length > 100)
        return recordError("STRING_TOO_LONG", `${name}: too many values`, [name]);
    }
    return undefined;
  }

  /** Creates a record (`CampaignMember` needs an existing campaign and exactly one existing Contact or Lead, and may not exist yet). */
  insert(object: string, values: Readonly<Record<string, unknown>>): SaveOutcome {
    if (!this.records.has(object)) return { id: null, errors: [recordError("INVALID_TYPE", `sObject type '${object}' is not supported.`)] };
    const invalid = this.checkValues(object, values, true);
    if (invalid !== undefined) return { id: null, errors: [invalid] };
    const record: SObject = {};
    for (const [k, v] of Object.entries(values)) if (k !== "attributes") record[k] = v as Value;
    if (object === "CampaignMember") {
      const campaignId = String(record.CampaignId ?? "");
      const contactId = record.ContactId === undefined || record.ContactId === "" ? undefined : String(record.ContactId);
      const leadId = record.LeadId === undefined || record.LeadId === "" ? undefined : String(record.LeadId);
      if (!this.get("Campaign", campaignId))
        return { id: null, errors: [recordError("INVALID_CROSS_REFERENCE_KEY", "invalid cross reference id", ["CampaignId"])] };
      if ((contactId === undefined) === (leadId === undefined))
        return { id: null, errors: [recordError("REQUIRED_FIELD_MISSING", "Required fields are missing: [ContactId or LeadId]", ["ContactId", "LeadId"])] };
      const person = contactId ?? leadId!;
      if (!this.get(contactId !== undefined ? "Contact" : "Lead", person))
        return {
          id: null,
          errors: [recordError("INVALID_CROSS_REFERENCE_KEY", "invalid cross reference id", [contactId !== undefined ? "ContactId" : "LeadId"])],
        };
      const lock = this.lockError(person);
      if (lock !== undefined) return { id: null, errors: [lock] };
      const exists = this.all("CampaignMember").some((m) => m.CampaignId === campaignId && (m.ContactId ?? m.LeadId) === person);
      if (exists) {
        // Adding an existing member changes nothing and answers DUPLICATE_VALUE (reference/destinations.md, Salesforce).
        this.duplicateMembers++;
        return { id: null, errors: [recordError("DUPLICATE_VALUE", "Already a campaign member.")] };
      }
      record.Status = record.Status ?? "Sent";
    }
    if (object === "Campaign") record.CreatedDate = `2026-01-01T00:00:${String(this.counter % 60).padStart(2, "0")}.000+0000`;
    const id = fakeId(object, ++this.counter + 900_000);
    record.Id = id;
    this.records.get(object)!.set(id, record);
    return { id, errors: [] };
  }

  /** Updates a record of `object`; the id must name an existing record of that object. */
  update(object: string, values: Readonly<Record<string, unknown>>): SaveOutcome {
    const id = typeof values.Id === "string" ? values.Id : typeof values.id === "string" ? values.id : "";
    if (id === "") return { id: null, errors: [recordError("MISSING_ARGUMENT", "Id not specified in an update call")] };
    if (objectOfId(id) !== object) return { id, errors: [recordError("MALFORMED_ID", `${object} ID: id value of incorrect type: ${id}`, ["Id"])] };
    const record = this.get(object, id);
    if (record === undefined) return { id, errors: [recordError("ENTITY_IS_DELETED", "entity is deleted")] };
    const invalid = this.checkValues(object, values, false);
    if (invalid !== undefined) return { id, errors: [invalid] };
    const lock = this.lockError(id);
    if (lock !== undefined) return { id, errors: [lock] };
    for (const [k, v] of Object.entries(values)) if (k !== "attributes" && k.toLowerCase() !== "id") record[this.field(object, k)!.name] = v as Value;
    return { id, errors: [] };
  }

  /** Deletes a record by id (any object). */
  delete(id: string): SaveOutcome {
    const object = objectOfId(id);
    if (object === undefined || !this.get(object, id)) return { id, errors: [recordError("ENTITY_IS_DELETED", "entity is deleted")] };
    const lock = this.lockError(id);
    if (lock !== undefined) return { id, errors: [lock] };
    this.records.get(object)!.delete(id);
    return { id, errors: [] };
  }
}

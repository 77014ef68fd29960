import { z } from "zod";
import {
  AccountPersonRelationSchema,
  AccountSchema,
  ActivityEventSchema,
  CampaignMemberSchema,
  CampaignSchema,
  OpportunityPersonRoleSchema,
  OpportunitySchema,
  PersonSchema,
  RelatedRowSchema,
  RelatedTableDefinitionSchema,
} from "./schemas/index.js";

/** Every entity schema by name. */
export const entitySchemas = {
  Account: AccountSchema,
  Person: PersonSchema,
  AccountPersonRelation: AccountPersonRelationSchema,
  Opportunity: OpportunitySchema,
  OpportunityPersonRole: OpportunityPersonRoleSchema,
  Campaign: CampaignSchema,
  CampaignMember: CampaignMemberSchema,
  ActivityEvent: ActivityEventSchema,
  RelatedTableDefinition: RelatedTableDefinitionSchema,
  RelatedRow: RelatedRowSchema,
} as const;
export type EntitySchemaName = keyof typeof entitySchemas;

/** The JSON Schema (draft 2020-12) of an entity's input form, for UIs and other languages. */
export function entityJsonSchema(name: EntitySchemaName): Record<string, unknown> {
  return z.toJSONSchema(entitySchemas[name], { io: "input", unrepresentable: "any" }) as Record<string, unknown>;
}

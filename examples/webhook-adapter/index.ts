export { webhookDestination, WebhookSettingsSchema, type WebhookSettings } from "./webhook-destination.js";
export { WebhookService, WEBHOOK_MAX_BATCH, type WebhookServiceOptions } from "./webhook-service.js";

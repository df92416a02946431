// Table types of the outbox (migration 0006), merged into the database type.
import type { ColumnType } from "kysely";

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;

export const DELIVERY_STATUSES = ["pending", "sending", "sent", "failed", "unknown"] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];
export const CHANNELS = ["email", "sms", "letter"] as const;
export type Channel = (typeof CHANNELS)[number];

export interface Attachment {
  filename: string;
  contentType: string;
  /** Base64 of the bytes. */
  content: string;
}

export interface OutboxMessagesTable {
  id: string;
  org_id: string;
  key: string;
  kind: string;
  subject: string;
  text_body: string;
  html_body: string | null;
  attachments: ColumnType<Attachment[], string | undefined, string>;
  created_at: Timestamp;
}

export interface OutboxDeliveriesTable {
  id: string;
  org_id: string;
  message_id: string;
  channel: Channel;
  recipient: string;
  status: ColumnType<DeliveryStatus, DeliveryStatus | undefined, DeliveryStatus>;
  attempts: ColumnType<number, number | undefined, number>;
  next_attempt_at: Timestamp;
  claim_token: string | null;
  claimed_at: NullableTimestamp;
  sent_at: NullableTimestamp;
  last_error: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

declare module "../db/schema.js" {
  interface DB {
    outbox_messages: OutboxMessagesTable;
    outbox_deliveries: OutboxDeliveriesTable;
  }
}

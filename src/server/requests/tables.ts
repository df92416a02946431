// Table types of the requests capability (migration 0008), merged into the database type.
import type { ColumnType } from "kysely";
import type { Priority } from "../../engines/triage/routing.js";

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
type Json<T> = ColumnType<T, string | undefined, string>;
type Optional<T> = ColumnType<T, T | undefined, T>;

export const REQUEST_STATUSES = ["new", "in_progress", "waiting_requester", "resolved", "closed"] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];
export const OPEN_STATUSES: readonly RequestStatus[] = ["new", "in_progress", "waiting_requester"];
export const REQUEST_CHANNELS = ["web", "email", "phone"] as const;
export type RequestChannel = (typeof REQUEST_CHANNELS)[number];
export const MESSAGE_KINDS = ["requester", "reply", "note", "event"] as const;
export type MessageKind = (typeof MESSAGE_KINDS)[number];

export interface StoredFlag {
  code: string;
  words: string[];
}

export type DueHours = Record<Priority, number>;

export interface RequestSettingsTable {
  org_id: string;
  default_service_id: string | null;
  due_hours: Json<DueHours>;
  retention_days: Optional<number>;
  lexicon: Json<unknown>;
  updated_at: Timestamp;
}

export interface RoutingRulesTable {
  id: string;
  org_id: string;
  name: string;
  position: number;
  enabled: Optional<boolean>;
  conditions: Json<unknown>;
  service_id: string;
  priority: Priority;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface RequestsTable {
  id: string;
  org_id: string;
  reference: string;
  service_id: string;
  channel: RequestChannel;
  status: Optional<RequestStatus>;
  priority: Priority;
  priority_rank: number;
  urgent: Optional<boolean>;
  flags: Json<StoredFlag[]>;
  rule_id: string | null;
  rule_name: string | null;
  category: string | null;
  subject: Optional<string>;
  message: string;
  to_address: string | null;
  requester_name: string | null;
  requester_email: string | null;
  requester_phone: string | null;
  requester_address: string | null;
  requester_number: string | null;
  requester_kind: string | null;
  consent: Optional<boolean>;
  sensitive: Optional<boolean>;
  follow_token_hash: string;
  assigned_to: string | null;
  due_at: Timestamp;
  quarantine_reason: string | null;
  review_reason: string | null;
  related_request_id: string | null;
  merged_into: string | null;
  call_id: string | null;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  resolved_at: NullableTimestamp;
  closed_at: NullableTimestamp;
  anonymised_at: NullableTimestamp;
}

export interface RequestMessagesTable {
  id: string;
  org_id: string;
  request_id: string;
  kind: MessageKind;
  channel: RequestChannel | null;
  body: string;
  author_id: string | null;
  email_message_id: string | null;
  quarantine_reason: string | null;
  created_at: Timestamp;
}

export interface RequestAttachmentsTable {
  id: string;
  org_id: string;
  request_id: string;
  message_id: string | null;
  filename: string;
  content_type: string;
  size_bytes: number;
  content: Uint8Array | null;
  quarantine_reason: string | null;
  created_at: Timestamp;
}

export interface InboundEmailsTable {
  id: string;
  org_id: string;
  received_at: Timestamp;
  mail_from: string;
  rcpt_to: string;
  message_id: string | null;
  raw: Uint8Array | null;
  size_bytes: number;
  outcome: "new_request" | "joined" | "quarantined";
  reason: string | null;
  request_id: string | null;
}

export interface SavedAnswersTable {
  id: string;
  org_id: string;
  service_id: string | null;
  title: string;
  body: string;
  created_at: Timestamp;
  updated_at: Timestamp;
  /** Migration 0013: archived answers are not offered when replying. */
  archived_at: NullableTimestamp;
}

export interface RequestIdempotencyTable {
  key_hash: string;
  body_hash: string;
  request_id: string;
  answer: Uint8Array;
  created_at: Timestamp;
}

export interface PublicRateLimitsTable {
  bucket: string;
  window_start: Timestamp;
  hits: number;
}

declare module "../db/schema.js" {
  interface DB {
    request_settings: RequestSettingsTable;
    routing_rules: RoutingRulesTable;
    requests: RequestsTable;
    request_messages: RequestMessagesTable;
    request_attachments: RequestAttachmentsTable;
    inbound_emails: InboundEmailsTable;
    saved_answers: SavedAnswersTable;
    request_idempotency: RequestIdempotencyTable;
    public_rate_limits: PublicRateLimitsTable;
  }
}

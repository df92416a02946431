// Response shapes of the requests API (mirror src/server/requests/**/schema.ts).
export type Status = "new" | "in_progress" | "waiting_requester" | "resolved" | "closed";
export type Priority = "low" | "normal" | "high" | "urgent";
export type Channel = "web" | "email" | "phone";
export const STATUSES: Status[] = ["new", "in_progress", "waiting_requester", "resolved", "closed"];
export const PRIORITIES: Priority[] = ["urgent", "high", "normal", "low"];
export const CHANNELS: Channel[] = ["web", "email", "phone"];
export const FLAG_CODES = [
  "homeless",
  "domestic_violence",
  "isolated_vulnerable",
  "no_utilities",
  "safety_hazard",
  "health",
  "child_at_risk",
] as const;
export const CATEGORIES = ["technique", "social", "gestion", "comptabilite", "autre"] as const;

export interface Flag {
  code: string;
  words: string[];
}

export interface PublicAnswer {
  reference: string;
  token: string;
  followUpUrl: string;
  message: string;
}

export interface PublicAttachment {
  filename: string;
  size: number;
}

export interface PublicRequestView {
  reference: string;
  status: string;
  statusLabel: string;
  category: string | null;
  createdAt: string;
  updatedAt: string;
  message: string;
  attachments: PublicAttachment[];
  messages: {
    from: "requester" | "staff";
    body: string;
    createdAt: string;
    attachments: PublicAttachment[];
  }[];
  mergedInto: string | null;
}

export interface RequestListItem {
  id: string;
  reference: string;
  serviceId: string;
  channel: Channel;
  status: Status;
  priority: Priority;
  urgent: boolean;
  flags: Flag[];
  rule: { id: string; name: string } | null;
  category: string | null;
  subject: string;
  requesterName: string | null;
  sensitive: boolean;
  assignedTo: string | null;
  dueAt: string;
  overdue: boolean;
  quarantineReason: string | null;
  reviewReason: string | null;
  mergedInto: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface RequestDetail extends RequestListItem {
  message: string;
  toAddress: string | null;
  requester: {
    name: string | null;
    email: string | null;
    phone: string | null;
    address: string | null;
    number: string | null;
    kind: string | null;
    visible: boolean;
  };
  consent: boolean;
  merged: { id: string; reference: string }[];
  messages: {
    id: string;
    kind: "requester" | "reply" | "note" | "event";
    channel: Channel | null;
    body: string;
    authorId: string | null;
    quarantineReason: string | null;
    createdAt: string;
  }[];
  attachments: {
    id: string;
    messageId: string | null;
    filename: string;
    contentType: string;
    size: number;
    quarantineReason: string | null;
  }[];
  anonymised: boolean;
}

export interface RuleConditions {
  channel?: Channel[];
  toAddress?: string[];
  category?: string[];
  requesterKind?: string[];
  anyWords?: string[];
  allWords?: string[];
  phrases?: string[];
  flags?: string[];
}

export interface RuleView {
  id: string;
  name: string;
  position: number;
  enabled: boolean;
  conditions: RuleConditions;
  serviceId: string;
  priority: Priority;
}

export interface TriageView {
  urgent: boolean;
  flags: Flag[];
  service: { id: string; name: string } | null;
  rule: { id: string; name: string } | null;
}

export interface SavedAnswer {
  id: string;
  title: string;
  body: string;
  serviceId: string | null;
  archived: boolean;
  updatedAt: string;
}

/** What the organisation adds to the urgency lexicon (GET/PUT /api/triage/lexicon). */
export interface LexiconExtension {
  flags?: Partial<
    Record<
      (typeof FLAG_CODES)[number],
      {
        severity?: "critical" | "normal";
        terms?: string[];
        combos?: { parts: string[][]; window: number }[];
        falseAlarms?: string[];
        remove?: string[];
      }
    >
  >;
  negation?: { cues?: string[]; window?: number; clauseBreakers?: string[] };
  notUrgent?: string[];
}

export interface RequestSettings {
  defaultServiceId: string | null;
  dueHours: Record<Priority, number>;
  retentionDays: number;
}

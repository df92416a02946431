// Shapes of the API responses the app reads (see src/server/**/schema.ts).

export type Role = "admin" | "pca_manager" | "crisis_cell" | "service_manager" | "agent";

export interface User {
  id: string;
  orgId: string;
  email: string;
  displayName: string;
  role: Role;
  serviceId: string | null;
  agentId: string | null;
}

export interface Session {
  user: User;
  csrfToken: string;
}

export interface Org {
  id: string;
  name: string;
  type?: string;
  timezone?: string;
  slug?: string;
}

export interface Site {
  id: string;
  name: string;
  address: string;
  capacity: number;
  archived: boolean;
}

export interface Service {
  id: string;
  name: string;
  parentId: string | null;
  parentName?: string | null;
  depth?: number;
  path?: string[];
  mailbox: string | null;
  phone: string | null;
  archived: boolean;
}

export interface Skill {
  id: string;
  name: string;
  archived?: boolean;
}

export interface Application {
  id: string;
  name: string;
  description?: string;
}

export const MODES = ["on_site", "remote", "mixed", "suspended"] as const;
export type Mode = (typeof MODES)[number];

export const EQUIPMENT_KINDS = ["laptop", "mobile_box", "phone", "vpn", "visio_licence", "other"] as const;
export type EquipmentKind = (typeof EQUIPMENT_KINDS)[number];

export const STATUSES = [
  "on_site",
  "telework",
  "on_call",
  "sick",
  "isolated",
  "childcare",
  "special_leave",
  "off",
] as const;
export type Status = (typeof STATUSES)[number];

export interface Ref {
  id: string;
  name: string;
}

export interface Activity {
  id: string;
  serviceId: string;
  service?: Ref;
  siteId: string | null;
  site?: Ref | null;
  name: string;
  description: string;
  criticality: number;
  maxInterruptionHours: number;
  minimumService: string;
  minOnSite: number;
  minRemote: number;
  modes: Mode[];
  hours: string;
  equipmentKinds: EquipmentKind[];
  skills: Ref[];
  applications: Ref[];
  archived: boolean;
}

export interface Agent {
  id: string;
  staffNumber: string;
  lastName: string;
  firstName: string;
  serviceId: string;
  serviceName?: string;
  siteId: string | null;
  siteName?: string | null;
  jobTitle: string;
  canTelework: boolean;
  travelAuthorisation?: boolean;
  phone: string | null;
  email: string | null;
  skillIds?: string[];
  archived?: boolean;
  statusToday: Status | null;
  equippedToTelework?: boolean;
  missingKinds?: string[];
  hiredOn?: string | null;
  workTimePct?: number;
  team?: string | null;
}

export interface StatusEntry {
  agentId?: string;
  day: string;
  status: Status;
  siteId: string | null;
  setAt: string;
  setBy: string | null;
}

export interface StatusChange {
  day: string;
  status: Status;
  previousStatus: Status | null;
  siteId: string | null;
  setBy: string | null;
  setByEmail: string | null;
  setAt: string;
}

export interface StatusHistory {
  from: string;
  to: string;
  items: StatusEntry[];
  total: number;
  changes: StatusChange[];
}

export interface Loan {
  id: string;
  equipmentId: string;
  kind: EquipmentKind;
  label: string;
  assetTag: string | null;
  agentId: string;
  lentOn: string;
  returnedOn: string | null;
}

export interface Equipment {
  id: string;
  kind: EquipmentKind;
  label: string;
  assetTag: string | null;
  loan: { id: string; agentId: string; lentOn: string } | null;
  archived: boolean;
}

export interface AuditEntry {
  id: number | string;
  at: string;
  action: string;
  entity: string;
  entityId: string | null;
  before: unknown;
  after: unknown;
  ip: string | null;
  userId: string | null;
  userEmail: string | null;
}

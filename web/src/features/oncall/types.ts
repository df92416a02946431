// Response shapes of the on-call API (mirror src/server/oncall/schema.ts and service.ts).
export type Restriction =
  | { kind: "always" }
  | { kind: "opening_hours" | "outside_hours"; days: number[]; start: string; end: string };

export interface PersonView {
  agentId: string;
  name: string;
  phone: string | null;
  email: string | null;
}

export interface RotationView {
  id: string;
  name: string;
  position: number;
  participants: PersonView[];
  startDate: string;
  handoffTime: string;
  turnDays: number;
  restriction: Restriction;
}

export interface OverrideView {
  id: string;
  agent: PersonView | null;
  start: string;
  end: string;
  reason: string;
}

export interface LineDetail {
  id: string;
  name: string;
  phoneNumber: string;
  serviceId: string | null;
  ringSeconds: number;
  rotations: RotationView[];
  overrides: OverrideView[];
}

import { describe, expect, it } from "vitest";
import { isEquipped, missingKinds, requiredKinds } from "./equipped.js";

describe("equipped to telework", () => {
  it("needs a laptop even when no activity asks for anything", () => {
    const req = requiredKinds([]);
    expect(isEquipped(req, [])).toBe(false);
    expect(isEquipped(req, ["laptop"])).toBe(true);
  });
  it("needs every kind required by any of the agent's activities", () => {
    const req = requiredKinds([["vpn"], ["mobile_box", "vpn"]]);
    expect(isEquipped(req, ["laptop", "vpn"])).toBe(false);
    expect(missingKinds(req, ["laptop", "vpn"])).toEqual(["mobile_box"]);
    expect(isEquipped(req, ["vpn", "mobile_box", "laptop", "phone"])).toBe(true);
  });
});

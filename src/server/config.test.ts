import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "./config.js";

describe("configuration", () => {
  it("has working defaults", () => {
    const c = loadConfig({});
    expect(c.port).toBe(3000);
    expect(c.databaseUrl).toBeNull();
    expect(c.demo).toBe(true);
    expect(c.roles).toEqual(["web", "worker", "scheduler"]);
  });

  it("names every bad value in one French message", () => {
    try {
      loadConfig({
        PORT: "abc",
        DATABASE_URL: "mysql://x",
        RELAIS_DEMO: "peut-être",
        RELAIS_ROLES: "web,cuisine",
      });
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      const problems = (err as ConfigError).problems.join("\n");
      expect(problems).toContain("PORT");
      expect(problems).toContain("DATABASE_URL");
      expect(problems).toContain("RELAIS_DEMO");
      expect(problems).toContain("cuisine");
    }
  });
});

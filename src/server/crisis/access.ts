// Who sees and does what in the crisis cell.
import type { UserRole } from "../db/schema.js";

/** Crisis-cell data: the cell, PCA managers and administrators. */
export const CRISIS_READERS: readonly UserRole[] = ["admin", "pca_manager", "crisis_cell"];
/** Members of the cell write the log, meetings and reports. */
export const CRISIS_MEMBERS: readonly UserRole[] = ["admin", "pca_manager", "crisis_cell"];
/** Scenarios, activation and deactivation: the PCA manager (and administrators). */
export const CRISIS_DECIDERS: readonly UserRole[] = ["admin", "pca_manager"];
/** The log is also open to service managers, limited to entries naming their service. */
export const LOG_READERS: readonly UserRole[] = ["admin", "pca_manager", "crisis_cell", "service_manager"];

// Every capability's route plugin, in one list: adding a capability is one line here.
import type { App } from "./types.js";

export const routeModules: ((app: App) => Promise<void>)[] = [];

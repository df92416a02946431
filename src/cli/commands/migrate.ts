import { loadConfig } from "../../server/config.js";
import { openDatabase } from "../../server/db/database.js";
import { migrate } from "../../server/db/migrate.js";

export async function run(): Promise<number> {
  const config = loadConfig();
  const database = await openDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    poolSize: 1,
  });
  try {
    const applied = await migrate(database);
    process.stdout.write(
      applied.length ? `Migrations appliquées : ${applied.join(", ")}\n` : "Base à jour.\n",
    );
    return 0;
  } finally {
    await database.close();
  }
}

import pg from "pg";

/** Reads rows from the database the app under test is using (`make test` sets DATABASE_URL). */
export async function query<T>(sql: string, params: unknown[] = []): Promise<T[]> {
	const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
	await client.connect();
	try {
		const result = await client.query(sql, params);
		return result.rows as T[];
	} finally {
		await client.end();
	}
}

/** An email address no other test uses, so that tests running side by side never collide. */
export function uniqueEmail(prefix: string): string {
	return `${prefix}.${Date.now()}.${Math.floor(Math.random() * 1e6)}@example.org`;
}

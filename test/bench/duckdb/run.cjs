// test/bench/duckdb/run.cjs: the DuckDB side of `scripts/bench --duckdb`.
//
//   node run.cjs MODULE EVENTS_CSV QUERIES_SQL OUTDIR THREADS RUNS
//
// Loads the benchmark's events (exported by scripts/bench as CSV, timestamps in UTC) into a
// DuckDB database file OUTDIR/bench.duckdb (at most 4 GB of memory, ENG_DUCKDB_MEMORY: a
// 100-million-event run spills rather than holding everything in memory), then for each query of QUERIES_SQL (blocks that start with a
// "-- duckdb: NAME | ..." line): writes its result to OUTDIR/NAME.csv for scripts/bench to
// compare with ours, then times RUNS executions of CREATE OR REPLACE TEMP TABLE ... AS the
// query (the result materialised in memory, nothing sent to the client) and prints
// "NAME|median ms" on stdout. MODULE is the installed @duckdb/node-api package directory.
'use strict';
const fs = require('fs');
const path = require('path');

async function main() {
	const [module, eventsCsv, queriesFile, outdir, threads, runs] = process.argv.slice(2);
	const { DuckDBInstance } = require(module);
	const instance = await DuckDBInstance.create(path.join(outdir, 'bench.duckdb'), {
		threads: String(threads), memory_limit: process.env.ENG_DUCKDB_MEMORY || '4GB' });
	const conn = await instance.connect();
	const q = (sql) => conn.run(sql);
	let t0 = performance.now();
	await q(`CREATE TABLE events AS SELECT * FROM read_csv('${eventsCsv}', header = false,
		columns = {'customer_id': 'BIGINT', 'ts': 'TIMESTAMP', 'event_type': 'VARCHAR',
		           'channel': 'VARCHAR', 'amount': 'DECIMAL(10,2)'})`);
	const n = (await (await conn.run('SELECT count(*) FROM events')).getRows())[0][0];
	console.error(`   DuckDB ${(await (await conn.run('SELECT version()')).getRows())[0][0]}, ` +
		`${threads} threads: loaded ${n} events in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
	const blocks = fs.readFileSync(queriesFile, 'utf8').split(/^(?=-- duckdb:)/m)
		.filter((b) => b.startsWith('-- duckdb:'));
	for (const block of blocks) {
		const name = block.match(/^-- duckdb: *([a-z0-9_]+)/)[1];
		const sql = block.split('\n').filter((l) => !l.startsWith('--')).join('\n').trim().replace(/;$/, '');
		try {
			await q(`COPY (${sql}) TO '${path.join(outdir, name + '.csv')}' (HEADER false)`);
			const times = [];
			for (let i = 0; i < Number(runs); i++) {
				t0 = performance.now();
				await q(`CREATE OR REPLACE TEMP TABLE bench_result AS ${sql}`);
				times.push(performance.now() - t0);
			}
			times.sort((a, b) => a - b);
			const m = times.length % 2 ? times[(times.length - 1) / 2]
				: (times[times.length / 2 - 1] + times[times.length / 2]) / 2;
			console.log(`${name}|${m.toFixed(2)}`);
		} catch (e) {
			console.error(`   DuckDB ${name}: ${e.message}`);
			console.log(`${name}|error`);
		}
	}
}
main().catch((e) => { console.error(e); process.exit(1); });

// test/clients/node/readme-clients.js: the README's SQL blocks and the parameter cases
// through node-postgres (npm pg) with its default type parsers, as a Node.js dashboard runs
// them.
//
//   TZ=America/New_York node readme-clients.js HOST PORT DB BLOCKS_DIR PARAMS_TSV OUT_FILE
//
// The same work and the same output format as test/clients/jdbc/ReadmeClients.java: every
// "run" block of BLOCKS_DIR/manifest.tsv in its own connection (one simple-protocol query,
// all its statements), then every case of PARAMS_TSV with its parameters passed as
// JavaScript values (strings, Dates, numbers: node-postgres sends them all untyped), and
// per result set its columns (name, type OID, type name, JavaScript type of the values) and
// every row, each value rendered canonically from what the driver returned (see value()).
// The cases run a second time ("fixed") with the README's type parsers for bigint and
// numeric (pg.types.setTypeParser(20, Number), (1700, parseFloat)).
'use strict';
const fs = require('fs');
const path = require('path');
const { Client, types } = require('pg');

const [host, port, database, blocksDir, paramsFile, outFile] = process.argv.slice(2);
const lines = [];

// the built-in types a result column can have; any other OID is reported as oid:N
const typeNames = {
	16: 'bool', 18: 'char', 19: 'name', 20: 'int8', 21: 'int2', 23: 'int4', 25: 'text',
	700: 'float4', 701: 'float8', 1042: 'bpchar', 1043: 'varchar', 1082: 'date',
	1083: 'time', 1114: 'timestamp', 1184: 'timestamptz', 1186: 'interval', 1700: 'numeric',
};

const esc = (s) => s.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r');
const pad = (n, w = 2) => String(n).padStart(w, '0');

// jsType V: what a dashboard's code sees: number, string, boolean, Date, or the
// constructor of any other object (Array, PostgresInterval, ...)
function jsType(v) {
	if (v instanceof Date) return 'Date';
	if (typeof v === 'object') return v.constructor ? v.constructor.name : 'object';
	return typeof v;
}

// value V TYPE: canonical text for test/clients/compare.py: a number as its round-trip
// decimal, a string as is, a timestamptz Date as its instant in epoch microseconds (a Date
// holds milliseconds), a date or timestamp Date as its local wall-clock text, anything
// else as TYPE:JSON (flagged there)
function value(v, type) {
	if (typeof v === 'number') return String(v);
	if (typeof v === 'string') return v;
	if (typeof v === 'boolean') return v ? 't' : 'f';
	if (v instanceof Date) {
		if (type === 'timestamptz') return 'I:' + (BigInt(v.getTime()) * 1000n).toString();
		const day = `${pad(v.getFullYear(), 4)}-${pad(v.getMonth() + 1)}-${pad(v.getDate())}`;
		if (type === 'date') return 'W:' + day;
		return `W:${day} ${pad(v.getHours())}:${pad(v.getMinutes())}:${pad(v.getSeconds())}.${pad(v.getMilliseconds(), 3)}`;
	}
	return jsType(v) + ':' + JSON.stringify(v);
}

function resultSet(r) {
	const types = r.fields.map((f) => typeNames[f.dataTypeID] || `oid:${f.dataTypeID}`);
	lines.push(`result\t${r.fields.length}\t${r.rows.length}`);
	r.fields.forEach((f, i) => {
		const first = r.rows.find((row) => row[i] !== null);
		lines.push(`col\t${esc(f.name)}\t${f.dataTypeID}\t${types[i]}\t${first ? jsType(first[i]) : 'null'}`);
	});
	for (const row of r.rows) {
		lines.push('row\t' + row.map((v, i) => (v === null ? '\\N' : esc(value(v, types[i])))).join('\t'));
	}
}

function error(e) {
	lines.push(`error\t${e.code || 'none'}\t${esc(e.message)}`);
}

// bind PARAMS: "kind:value" items separated by " | ", as JavaScript values
function bind(params) {
	if (params === '') return [];
	return params.split(' | ').map((item) => {
		const kind = item.slice(0, item.indexOf(':'));
		const v = item.slice(kind.length + 1);
		switch (kind) {
			case 's': return v;
			case 'ts': return new Date(v);
			case 'i': case 'd': return Number(v);
			default: throw new Error(`unknown parameter kind ${kind}`);
		}
	});
}

// the README's one-line fixes for bigint and numeric, which node-postgres returns as strings
const fixedTypes = {
	getTypeParser(oid, format) {
		if (oid === 20) return Number;
		if (oid === 1700) return parseFloat;
		return types.getTypeParser(oid, format);
	},
};

async function run(text, values, fixed) {
	const client = new Client({ host, port: Number(port), database, user: 'postgres', types: fixed ? fixedTypes : undefined });
	await client.connect();
	try {
		const res = await client.query({ text, values, rowMode: 'array' });
		for (const r of Array.isArray(res) ? res : [res]) {
			if (r.fields.length > 0) resultSet(r);
		}
	} catch (e) {
		error(e);
	} finally {
		await client.end();
	}
}

async function main() {
	lines.push(`driver\tnode-postgres ${require('pg/package.json').version}\tnode ${process.version} TZ ${process.env.TZ}`);
	const manifest = fs.readFileSync(path.join(blocksDir, 'manifest.tsv'), 'utf8').split('\n');
	for (const line of manifest) {
		const f = line.split('\t');
		if (f[2] !== 'run') continue;
		lines.push(`block\t${f[0]}`);
		await run(fs.readFileSync(path.join(blocksDir, `${f[0]}.sql`), 'utf8'), undefined);
	}
	for (const fixed of [false, true]) {
		for (const line of fs.readFileSync(paramsFile, 'utf8').split('\n')) {
			if (line.startsWith('#') || line.trim() === '') continue;
			const f = line.split('\t');
			lines.push(`${fixed ? 'fixed' : 'case'}\t${f[0]}`);
			await run(f[1], bind(f[2]), fixed);
		}
	}
	fs.writeFileSync(outFile, lines.join('\n') + '\n');
}

main().catch((e) => {
	console.error(e);
	process.exit(1);
});

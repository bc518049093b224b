'use strict';

// Every difference between the n8n versions the demo and the end-to-end tooling drive (scripts/lib/n8n-cli.js,
// n8n-rest.js), in one place, keyed by the runtime's n8n version. Each difference lists the first version with each
// behaviour, newest first. Only the versions with a lockfile in scripts/n8n-runtime/ (1.123.81, 2.8.4, 2.35.7,
// 2.41.1) were measured; a boundary between two of them is "somewhere in between": a version there gets the older
// behaviour unless measured. Pure: no I/O (unit tests: test/scripts/lib/n8n-versions.test.ts).

const { compareVersions, parseVersion } = require('./runtime-select');

/** The versions measured with this table (scripts/n8n-runtime.js --list). */
const MEASURED = ['1.123.81', '2.8.4', '2.35.7', '2.41.1'];

const CHANGES = {
	/**
	 * N8N_DISABLED_MODULES: mcp-registry fetches a server list from api.n8n.io, which a closed network cannot reach.
	 * A version without that module refuses to start when it is named (UnknownModuleError), so it is named only
	 * where the module exists (in the module lists of 2.35.7 and 2.41.1, not in those of 2.8.4 and 1.123.81).
	 */
	disabledModules: [
		['2.35.7', 'mcp-registry'],
		['0.0.0', ''],
	],
	/**
	 * How GET /rest/executions pages: 2.41.1 answers a `nextCursor` to send back as `cursor`; 2.35.7 and older take
	 * `lastId` (the smallest id of the page before; newest first) and answer no cursor.
	 */
	executionPaging: [
		['2.41.1', 'cursor'],
		['0.0.0', 'lastId'],
	],
	/**
	 * Making a workflow's triggers live. 2.x publishes: `n8n publish:workflow --id`, POST /rest/workflows/<id>/activate
	 * { versionId }. 1.x activates: `n8n update:workflow --id --active=true`, PATCH /rest/workflows/<id>
	 * { active: true, versionId } (1.123.81 also has POST .../activate; not used).
	 */
	publishing: [
		['2.0.0', 'publish'],
		['0.0.0', 'activate'],
	],
	/** The login body's user field (POST /rest/login). */
	loginField: [['0.0.0', 'emailOrLdapLoginId']],
};

/** The value of one difference for a version: that of the newest entry at or below it. */
function valueFor(changes, version) {
	const entry = changes.find(([since]) => compareVersions(version, since) >= 0);
	return entry ? entry[1] : changes[changes.length - 1][1];
}

/** The value of a `--name=value` / `--name value` flag in CLI arguments, and the arguments without it. */
function takeFlag(args, name) {
	const rest = [];
	let value;
	for (let i = 0; i < args.length; i++) {
		if (args[i] === `--${name}`) value = args[++i];
		else if (args[i].startsWith(`--${name}=`)) value = args[i].slice(name.length + 3);
		else rest.push(args[i]);
	}
	return { value, rest };
}

const PAGING = {
	cursor: { name: 'cursor', next: (data) => (data.nextCursor ? `cursor=${encodeURIComponent(data.nextCursor)}` : '') },
	lastId: {
		name: 'lastId',
		next: (data, limit) => {
			const ids = data.results.map((execution) => Number(execution.id));
			return data.results.length >= limit ? `lastId=${encodeURIComponent(String(Math.min(...ids)))}` : '';
		},
	},
};

/**
 * What the tooling does differently on one n8n version:
 * - `env`: environment variables the instance needs (merged into n8n-cli.js n8nEnv);
 * - `cliArgs(args)`: a CLI command as this version spells it (`publish:workflow --id=X` → 1.x `update:workflow`);
 * - `loginBody(owner)`, `publishRequest(id, versionId)`: REST bodies and routes;
 * - `executionPaging.next(data, limit)`: the query that fetches the next executions page, '' after the last.
 */
function forVersion(version) {
	if (!parseVersion(version)) throw new Error(`not an n8n version: "${version}"`);
	const publishing = valueFor(CHANGES.publishing, version);
	const disabledModules = valueFor(CHANGES.disabledModules, version);
	const loginField = valueFor(CHANGES.loginField, version);
	return {
		version,
		publishing,
		env: disabledModules ? { N8N_DISABLED_MODULES: disabledModules } : {},
		cliArgs(args) {
			if (args[0] !== 'publish:workflow' || publishing === 'publish') return args;
			const { value: id, rest } = takeFlag(args.slice(1), 'id');
			return ['update:workflow', `--id=${id}`, '--active=true', ...rest];
		},
		loginBody: (owner) => ({ [loginField]: owner.email, password: owner.password }),
		publishRequest: (id, versionId) =>
			publishing === 'publish'
				? { method: 'POST', urlPath: `/rest/workflows/${id}/activate`, body: { versionId } }
				: { method: 'PATCH', urlPath: `/rest/workflows/${id}`, body: { active: true, versionId } },
		executionPaging: PAGING[valueFor(CHANGES.executionPaging, version)],
	};
}

module.exports = { MEASURED, CHANGES, forVersion };

import type { IDataObject, INodeProperties } from 'n8n-workflow';

/** The Simplify switch of an operation whose response is wide, naming the fields it keeps. */
export function simplifyField(keys: readonly string[]): INodeProperties {
	return {
		displayName: 'Simplify',
		name: 'simplify',
		type: 'boolean',
		default: true,
		description: `Whether to return a simplified version of the response instead of the raw data (only ${keys.join(', ')})`,
	};
}

/** Keeps the given keys the record has; other fields are left out. */
export function pickKeys(record: IDataObject, keys: readonly string[]): IDataObject {
	const simple: IDataObject = {};
	for (const key of keys) {
		if (record[key] !== undefined) simple[key] = record[key];
	}
	return simple;
}
